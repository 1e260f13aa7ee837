import { termFrequencies } from './analyzer.js';

const K1 = 1.2;
const B = 0.75;

export type LexicalMatches = {
  /** Documents with a positive BM25 score. */
  documents: number[];
  bm25: Float64Array;
  /** idf-weighted share of the query terms each document contains. */
  coverage: Float64Array;
};

/** An inverted index with BM25 scoring (Robertson/Sparck Jones idf with the +1 smoothing Lucene uses). */
export class LexicalIndex {
  private readonly termIds = new Map<string, number>();
  private readonly postingDocuments: Int32Array[] = [];
  private readonly postingFrequencies: Float32Array[] = [];
  private readonly documentLengths: Float32Array;
  private readonly averageLength: number;
  readonly size: number;

  constructor(texts: readonly string[]) {
    this.size = texts.length;
    this.documentLengths = new Float32Array(texts.length);
    const documents: number[][] = [];
    const frequencies: number[][] = [];
    let totalLength = 0;
    texts.forEach((text, document) => {
      let length = 0;
      for (const [term, count] of termFrequencies(text)) {
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = documents.length;
          this.termIds.set(term, id);
          documents.push([]);
          frequencies.push([]);
        }
        documents[id]!.push(document);
        frequencies[id]!.push(count);
        length += count;
      }
      this.documentLengths[document] = length;
      totalLength += length;
    });
    this.averageLength = texts.length > 0 ? totalLength / texts.length : 1;
    for (let id = 0; id < documents.length; id++) {
      this.postingDocuments.push(Int32Array.from(documents[id]!));
      this.postingFrequencies.push(Float32Array.from(frequencies[id]!));
    }
  }

  /** Inverse document frequency of a term; unknown terms get the highest idf (df = 0). */
  idf(term: string): number {
    const id = this.termIds.get(term);
    const documentFrequency = id === undefined ? 0 : this.postingDocuments[id]!.length;
    return Math.log(1 + (this.size - documentFrequency + 0.5) / (documentFrequency + 0.5));
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
