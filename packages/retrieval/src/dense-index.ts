import { topK } from './top-k.js';

/**
 * Brute-force cosine similarity over unit-length vectors stored in one contiguous array (document `d` at
 * `d * dimensions`), as the index file stores them: normalised once when the index is written.
 */
export class DenseIndex {
  private scratch: Float32Array | null = null;

  constructor(
    private readonly vectors: Float32Array,
    readonly dimensions: number,
  ) {
    if (dimensions <= 0 || vectors.length % dimensions !== 0) {
      throw new RangeError(`${vectors.length} vector values do not divide into ${dimensions} dimensions`);
    }
  }

  get size(): number {
    return this.vectors.length / this.dimensions;
  }

  /** Writes `vector` scaled to unit length at `offset` of `into`; returns false if it has the wrong size. */
  static normalise(
    vector: readonly number[],
    into: Float32Array | Float64Array,
    offset: number,
    dimensions: number,
  ): boolean {
    if (vector.length !== dimensions) return false;
    let sum = 0;
    for (const value of vector) sum += value * value;
    const norm = Math.sqrt(sum) || 1;
    for (let i = 0; i < dimensions; i++) into[offset + i] = vector[i]! / norm;
    return true;
  }

  /** The `k` accepted documents most similar to the query, best first, with their cosine similarity. */
  nearest(query: readonly number[], accept: (document: number) => boolean, k: number): Map<number, number> {
    if (query.length !== this.dimensions) {
      throw new Error(
        `The query vector has ${query.length} dimensions but the index was built with ${this.dimensions}; ` +
          'use the same embedding model for indexing and serving.',
      );
    }
    const unit = new Float64Array(this.dimensions);
    DenseIndex.normalise(query, unit, 0, this.dimensions);
    this.scratch ??= new Float32Array(this.size);
    const similarity = this.scratch;
    const dimensions = this.dimensions;
    for (let document = 0; document < similarity.length; document++) {
      if (!accept(document)) {
        similarity[document] = Number.NEGATIVE_INFINITY;
        continue;
      }
      let dot = 0;
      const offset = document * dimensions;
      for (let i = 0; i < dimensions; i++) dot += unit[i]! * this.vectors[offset + i]!;
      similarity[document] = dot;
    }
    const best = topK(acceptedDocuments(similarity), (document) => similarity[document]!, k);
    return new Map(best.map((document) => [document, similarity[document]!]));
  }
}

function* acceptedDocuments(similarity: Float32Array): Generator<number> {
  for (let document = 0; document < similarity.length; document++) {
    if (similarity[document] !== Number.NEGATIVE_INFINITY) yield document;
  }
}
