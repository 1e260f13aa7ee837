import { analyze } from './analyzer.js';

const K1 = 1.2;
const B = 0.75;

export type LexicalMatches = {
  /** Documents with a positive BM25 score. */
  documents: number[];
  bm25: Float64Array;
  /** idf-weighted share of the query terms each document contains. */
  coverage: Float64Array;
};

/** Builds a `LexicalIndex` document by document (so a large one can be built without blocking). */
export class LexicalIndexBuilder {
  readonly termIds = new Map<string, number>();
  readonly documents: number[][] = [];
  readonly frequencies: number[][] = [];
  readonly lengths: number[] = [];
  // Counts go into one shared array indexed by term id (reset after each document), which is much
  // cheaper than a Map per document when loading large indexes.
  private counts = new Int32Array(1 << 16);
  private readonly touched: number[] = [];

  add(text: string): void {
    const document = this.lengths.length;
    for (const term of analyze(text)) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.documents.length;
        this.termIds.set(term, id);
        this.documents.push([]);
        this.frequencies.push([]);
        if (id >= this.counts.length) {
          const grown = new Int32Array(this.counts.length * 2);
          grown.set(this.counts);
          this.counts = grown;
        }
      }
      if (this.counts[id]!++ === 0) this.touched.push(id);
    }
    let length = 0;
    for (const id of this.touched) {
      const count = this.counts[id]!;
      this.documents[id]!.push(document);
      this.frequencies[id]!.push(count);
      length += count;
      this.counts[id] = 0;
    }
    this.touched.length = 0;
    this.lengths.push(length);
  }

  build(): LexicalIndex {
    return new LexicalIndex(this);
  }
}

/** An inverted index with BM25 scoring (Robertson/Sparck Jones idf with the +1 smoothing Lucene uses). */
export class LexicalIndex {
  private readonly termIds: Map<string, number>;
  private readonly postingDocuments: Int32Array[];
  private readonly postingFrequencies: Float32Array[];
  private readonly documentLengths: Float32Array;
  private readonly averageLength: number;
  readonly size: number;

  /** Indexes texts in one go; use `LexicalIndexBuilder` to build in slices. */
  static fromTexts(texts: readonly string[]): LexicalIndex {
    const builder = new LexicalIndexBuilder();
    for (const text of texts) builder.add(text);
    return builder.build();
  }

  constructor(parts: LexicalIndexBuilder) {
    this.termIds = parts.termIds;
    this.size = parts.lengths.length;
    this.documentLengths = Float32Array.from(parts.lengths);
    const total = parts.lengths.reduce((sum, length) => sum + length, 0);
    this.averageLength = this.size > 0 ? total / this.size : 1;
    this.postingDocuments = parts.documents.map((documents) => Int32Array.from(documents));
    this.postingFrequencies = parts.frequencies.map((frequencies) => Float32Array.from(frequencies));
  }

  /** Inverse document frequency of a term; unknown terms get the highest idf (df = 0). */
  idf(term: string): number {
    const id = this.termIds.get(term);
    const documentFrequency = id === undefined ? 0 : this.postingDocuments[id]!.length;
    return Math.log(1 + (this.size - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /** Whether any document that passes `accept` contains the term. */
  occurs(term: string, accept: (document: number) => boolean): boolean {
    const id = this.termIds.get(term);
    if (id === undefined) return false;
    for (const document of this.postingDocuments[id]!) if (accept(document)) return true;
    return false;
  }

  /** Whether a document contains a term (postings are in document order, so a binary search). */
  contains(document: number, term: string): boolean {
    const id = this.termIds.get(term);
    if (id === undefined) return false;
    const postings = this.postingDocuments[id]!;
    let low = 0;
    let high = postings.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const value = postings[middle]!;
      if (value === document) return true;
      if (value < document) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  /** idf-weighted share of the query's distinct terms found in at least one of `documents`. */
  coverage(queryTerms: readonly string[], documents: readonly number[]): number {
    const distinct = [...new Set(queryTerms)];
    const total = distinct.reduce((sum, term) => sum + this.idf(term), 0);
    if (total === 0) return 0;
    const found = distinct.filter((term) => documents.some((document) => this.contains(document, term)));
    return found.reduce((sum, term) => sum + this.idf(term), 0) / total;
  }

  /** Scores every document that contains a query term and passes `accept`. */
  match(queryTerms: readonly string[], accept: (document: number) => boolean): LexicalMatches {
    const bm25 = new Float64Array(this.size);
    const coverage = new Float64Array(this.size);
    const documents: number[] = [];
    const distinct = [...new Set(queryTerms)];
    const totalWeight = distinct.reduce((sum, term) => sum + this.idf(term), 0) || 1;
    for (const term of distinct) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const idf = this.idf(term);
      const postings = this.postingDocuments[id]!;
      const termFrequencies = this.postingFrequencies[id]!;
      for (let i = 0; i < postings.length; i++) {
        const document = postings[i]!;
        if (!accept(document)) continue;
        const frequency = termFrequencies[i]!;
        const norm = K1 * (1 - B + (B * this.documentLengths[document]!) / this.averageLength);
        if (bm25[document] === 0) documents.push(document);
        bm25[document] = bm25[document]! + (idf * frequency * (K1 + 1)) / (frequency + norm);
        coverage[document] = coverage[document]! + idf / totalWeight;
      }
    }
    return { documents, bm25, coverage };
  }
}
