import type { Postings } from './postings.js';
import { DEFAULT_RANKING, type RankingSettings } from './ranking-settings.js';
import { topK } from './top-k.js';

/** Terms whose bounds are computed between two turns of the event loop while an index opens. */
const TERMS_PER_SLICE = 20_000;

export type LexicalMatches = {
  /** The best documents by BM25, best first (at most the `k` asked for). */
  documents: number[];
  /** BM25 score of each of `documents`. */
  scores: Map<number, number>;
};

/**
 * An inverted index with BM25 scoring (Robertson/Sparck Jones idf with the +1 smoothing Lucene uses), read
 * straight from typed arrays (see `postings.ts`): nothing is re-analysed or copied when an index opens.
 *
 * Queries are scored term at a time, rarest-impact first, with MaxScore-style early termination: once no
 * document that has not been seen yet could reach the k-th best score with the terms that remain, those
 * terms only update the documents already seen (found by binary search when that is cheaper than a scan).
 * The top k is exact. Scores accumulate in arrays allocated once per index, so a query allocates nothing in
 * proportion to the corpus.
 */
export class LexicalIndex {
  readonly size: number;
  /** Per document: BM25's length normalisation, k1 * (1 - b + b * length / average length of its group). */
  private readonly norms: Float64Array;
  /** Highest BM25 contribution any single document gets from each term. */
  private readonly bounds: Float32Array;
  private scratchScores: Float64Array | null = null;
  private scratchTouched: Uint32Array | null = null;

  private constructor(
    private readonly termIds: ReadonlyMap<string, number>,
    private readonly postings: Postings,
    bounds: Float32Array,
    norms: Float64Array,
    private readonly k1: number,
  ) {
    this.size = postings.lengths.length;
    this.bounds = bounds;
    this.norms = norms;
  }

  /**
   * Opens an index over postings, checking that every posting names a document that exists (a damaged
   * file is refused, not searched), and yielding to the event loop between slices of terms. `groups` gives
   * each document's group (its locale): a document's length is compared with the average of its own group,
   * since analyzers of different languages yield different numbers of terms for the same content. `bm25`:
   * BM25's k1 and b (default 1.2 and 0.75, see `RankingSettings`).
   */
  static async open(
    termIds: ReadonlyMap<string, number>,
    postings: Postings,
    groups?: Uint16Array,
    bm25: Pick<RankingSettings, 'k1' | 'b'> = DEFAULT_RANKING,
  ): Promise<LexicalIndex> {
    const { k1, b } = bm25;
    const { offsets, documents, frequencies, lengths } = postings;
    const size = lengths.length;
    const termCount = offsets.length - 1;
    if (termCount < 0 || offsets[0] !== 0 || offsets[termCount] !== documents.length) {
      throw new RangeError('the posting offsets do not cover the postings');
    }
    if (frequencies.length !== documents.length)
      throw new RangeError('postings and frequencies differ in length');
    const groupOf = (document: number) => groups?.[document] ?? 0;
    const totals = new Map<number, { length: number; count: number }>();
    for (let document = 0; document < size; document++) {
      const total = totals.get(groupOf(document)) ?? { length: 0, count: 0 };
      total.length += lengths[document]!;
      total.count++;
      totals.set(groupOf(document), total);
    }
    const norms = new Float64Array(size);
    for (let document = 0; document < size; document++) {
      const total = totals.get(groupOf(document))!;
      const average = total.length > 0 ? total.length / total.count : 1;
      norms[document] = k1 * (1 - b + (b * lengths[document]!) / average);
    }
    const bounds = new Float32Array(termCount);
    for (let start = 0; start < termCount; start += TERMS_PER_SLICE) {
      const end = Math.min(termCount, start + TERMS_PER_SLICE);
      for (let term = start; term < end; term++) {
        const from = offsets[term]!;
        const to = offsets[term + 1]!;
        if (to < from) throw new RangeError(`the posting offsets of term ${term} go backwards`);
        let best = 0;
        for (let i = from; i < to; i++) {
          const document = documents[i]!;
          if (document >= size) throw new RangeError(`a posting names document ${document} of ${size}`);
          const frequency = frequencies[i]!;
          const saturated = frequency / (frequency + norms[document]!);
          if (saturated > best) best = saturated;
        }
        bounds[term] = idfOf(size, to - from) * (k1 + 1) * best;
      }
      if (end < termCount) await new Promise((resolve) => setImmediate(resolve));
    }
    return new LexicalIndex(termIds, postings, bounds, norms, k1);
  }

  /** Inverse document frequency of a term; unknown terms get the highest idf (df = 0). */
  idf(term: string): number {
    const id = this.termIds.get(term);
    return idfOf(this.size, id === undefined ? 0 : this.documentFrequency(id));
  }

  /** Whether any document that passes `accept` contains the term. */
  occurs(term: string, accept: (document: number) => boolean): boolean {
    const id = this.termIds.get(term);
    if (id === undefined) return false;
    const { offsets, documents } = this.postings;
    for (let i = offsets[id]!; i < offsets[id + 1]!; i++) if (accept(documents[i]!)) return true;
    return false;
  }

  /** Whether a document contains a term (postings are in document order, so a binary search). */
  contains(document: number, term: string): boolean {
    const id = this.termIds.get(term);
    return id !== undefined && this.find(id, document) >= 0;
  }

  /** idf-weighted share of the query's distinct terms found in at least one of `documents`. */
  coverage(queryTerms: readonly string[], documents: readonly number[]): number {
    const distinct = [...new Set(queryTerms)];
    const total = distinct.reduce((sum, term) => sum + this.idf(term), 0);
    if (total === 0) return 0;
    const found = distinct.filter((term) => documents.some((document) => this.contains(document, term)));
    return found.reduce((sum, term) => sum + this.idf(term), 0) / total;
  }

  /** The `k` best documents that pass `accept`, by BM25 (see the class comment for how). */
  match(queryTerms: readonly string[], accept: (document: number) => boolean, k: number): LexicalMatches {
    const terms = [...new Set(queryTerms)]
      .map((term) => this.termIds.get(term))
      .filter((id): id is number => id !== undefined)
      .sort((a, b) => this.bounds[b]! - this.bounds[a]! || a - b);
    const remaining = new Float64Array(terms.length + 1);
    for (let i = terms.length - 1; i >= 0; i--) remaining[i] = remaining[i + 1]! + this.bounds[terms[i]!]!;
    this.scratchScores ??= new Float64Array(this.size);
    this.scratchTouched ??= new Uint32Array(this.size);
    const scores = this.scratchScores;
    const touched = this.scratchTouched;
    let seen = 0;
    let closed = false;
    const score = (document: number) => scores[document]!;
    try {
      for (let t = 0; t < terms.length; t++) {
        const id = terms[t]!;
        if (!closed && seen >= k && k > 0) {
          const ranked = topK(touched.subarray(0, seen), score, k);
          closed = remaining[t]! < scores[ranked[k - 1]!]!;
        }
        const idf = idfOf(this.size, this.documentFrequency(id));
        if (!closed) {
          seen = this.scoreAll(id, idf, accept, seen);
          continue;
        }
        // Only documents already seen can still make the top k: update just those.
        const length = this.documentFrequency(id);
        if (seen * Math.log2(length + 1) < length) {
          for (let i = 0; i < seen; i++) {
            const document = touched[i]!;
            const at = this.find(id, document);
            if (at >= 0) scores[document] = scores[document]! + this.contribution(at, document, idf);
          }
        } else {
          const { offsets, documents } = this.postings;
          for (let i = offsets[id]!; i < offsets[id + 1]!; i++) {
            const document = documents[i]!;
            if (scores[document]! > 0)
              scores[document] = scores[document]! + this.contribution(i, document, idf);
          }
        }
      }
      const best = topK(touched.subarray(0, seen), score, k);
      return { documents: best, scores: new Map(best.map((document) => [document, scores[document]!])) };
    } finally {
      for (let i = 0; i < seen; i++) scores[touched[i]!] = 0;
    }
  }

  /** idf-weighted share of the query's distinct terms that one document contains. */
  coverageOf(queryTerms: readonly string[], document: number): number {
    return this.coverage(queryTerms, [document]);
  }

  /** Number of documents holding the term with id `id` (an id of the term list the index was opened with). */
  frequencyOf(id: number): number {
    return this.documentFrequency(id);
  }

  /** Calls `visit` with each document that passes `accept` and holds term `id`, and its BM25 contribution. */
  eachContribution(
    id: number,
    accept: (document: number) => boolean,
    visit: (document: number, contribution: number) => void,
  ): void {
    const idf = idfOf(this.size, this.documentFrequency(id));
    const { offsets, documents } = this.postings;
    for (let i = offsets[id]!; i < offsets[id + 1]!; i++) {
      const document = documents[i]!;
      if (accept(document)) visit(document, this.contribution(i, document, idf));
    }
  }

  private scoreAll(id: number, idf: number, accept: (document: number) => boolean, seen: number): number {
    const scores = this.scratchScores!;
    const touched = this.scratchTouched!;
    const { offsets, documents } = this.postings;
    let count = seen;
    for (let i = offsets[id]!; i < offsets[id + 1]!; i++) {
      const document = documents[i]!;
      if (!accept(document)) continue;
      if (scores[document] === 0) touched[count++] = document;
      scores[document] = scores[document]! + this.contribution(i, document, idf);
    }
    return count;
  }

  private contribution(posting: number, document: number, idf: number): number {
    const frequency = this.postings.frequencies[posting]!;
    const norm = this.norms[document]!;
    return (idf * frequency * (this.k1 + 1)) / (frequency + norm);
  }

  private documentFrequency(id: number): number {
    return this.postings.offsets[id + 1]! - this.postings.offsets[id]!;
  }

  /** Position of `document` in the postings of term `id`, or -1. */
  private find(id: number, document: number): number {
    const documents = this.postings.documents;
    let low = this.postings.offsets[id]!;
    let high = this.postings.offsets[id + 1]! - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = documents[middle]!;
      if (value === document) return middle;
      if (value < document) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}

function idfOf(size: number, documentFrequency: number): number {
  return Math.log(1 + (size - documentFrequency + 0.5) / (documentFrequency + 0.5));
}
