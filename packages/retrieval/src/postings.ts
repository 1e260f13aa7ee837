import type { Analyzer } from './analyzer.js';

/**
 * An inverted index as four flat typed arrays, the layout the index file stores and the server searches
 * without copying: the postings of term `t` are `documents[offsets[t]..offsets[t+1]]` (ascending document
 * numbers) with their term frequencies at the same positions; `lengths` holds each document's term count.
 */
export type Postings = {
  offsets: Uint32Array;
  documents: Uint32Array;
  frequencies: Uint16Array;
  lengths: Uint32Array;
};

/** Term frequencies above this are stored as this (BM25 saturates long before). */
const MAX_FREQUENCY = 0xffff;

/**
 * Builds `Postings` document by document. Occurrences go into growing flat arrays (term, document,
 * frequency), and `build` sorts them by term with a counting sort, which keeps document order within a
 * term: no array per term, so a 100k-chunk index builds without millions of small objects.
 */
export class PostingsBuilder {
  readonly termIds = new Map<string, number>();
  readonly terms: string[] = [];
  private occurrenceTerms = new Uint32Array(1 << 16);
  private occurrenceDocuments = new Uint32Array(1 << 16);
  private occurrenceFrequencies = new Uint16Array(1 << 16);
  private occurrences = 0;
  private readonly lengths: number[] = [];
  // Counts go into one shared array indexed by term id (reset after each document).
  private counts = new Uint32Array(1 << 16);
  private readonly touched: number[] = [];

  /** Analyses one document's text and adds its terms; documents are numbered in the order added. */
  add(text: string, analyzer: Analyzer): void {
    const document = this.lengths.length;
    for (const term of analyzer.analyze(text)) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.termIds.set(term, id);
        this.terms.push(term);
        if (id >= this.counts.length) this.counts = grown(this.counts, this.counts.length * 2);
      }
      if (this.counts[id]!++ === 0) this.touched.push(id);
    }
    if (this.occurrences + this.touched.length > this.occurrenceTerms.length) {
      const size = Math.max(this.occurrenceTerms.length * 2, this.occurrences + this.touched.length);
      this.occurrenceTerms = grown(this.occurrenceTerms, size);
      this.occurrenceDocuments = grown(this.occurrenceDocuments, size);
      this.occurrenceFrequencies = grown(this.occurrenceFrequencies, size);
    }
    let length = 0;
    for (const id of this.touched) {
      const count = this.counts[id]!;
      this.occurrenceTerms[this.occurrences] = id;
      this.occurrenceDocuments[this.occurrences] = document;
      this.occurrenceFrequencies[this.occurrences] = Math.min(count, MAX_FREQUENCY);
      this.occurrences++;
      length += count;
      this.counts[id] = 0;
    }
    this.touched.length = 0;
    this.lengths.push(length);
  }

  build(): Postings {
    const termCount = this.terms.length;
    const offsets = new Uint32Array(termCount + 1);
    for (let i = 0; i < this.occurrences; i++) offsets[this.occurrenceTerms[i]! + 1]!++;
    for (let term = 0; term < termCount; term++) offsets[term + 1]! += offsets[term]!;
    const next = offsets.slice(0, termCount);
    const documents = new Uint32Array(this.occurrences);
    const frequencies = new Uint16Array(this.occurrences);
    for (let i = 0; i < this.occurrences; i++) {
      const at = next[this.occurrenceTerms[i]!]!++;
      documents[at] = this.occurrenceDocuments[i]!;
      frequencies[at] = this.occurrenceFrequencies[i]!;
    }
    return { offsets, documents, frequencies, lengths: Uint32Array.from(this.lengths) };
  }
}

function grown<T extends Uint32Array | Uint16Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(size);
  bigger.set(array);
  return bigger;
}
