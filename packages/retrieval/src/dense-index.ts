/** Brute-force cosine similarity over unit-normalised vectors stored in one contiguous array. */
export class DenseIndex {
  private readonly vectors: Float32Array;
  readonly dimensions: number;

  constructor(vectors: readonly (readonly number[] | undefined)[], dimensions: number) {
    this.dimensions = dimensions;
    this.vectors = new Float32Array(vectors.length * dimensions);
    vectors.forEach((vector, document) => {
      if (!vector || vector.length !== dimensions) return;
      const norm = Math.hypot(...vector) || 1;
      for (let i = 0; i < dimensions; i++) this.vectors[document * dimensions + i] = vector[i]! / norm;
    });
  }

  /** Cosine similarity of the query with each accepted document. */
  similarity(query: readonly number[], documents: Iterable<number>): Map<number, number> {
    if (query.length !== this.dimensions) {
      throw new Error(
        `The query vector has ${query.length} dimensions but the index was built with ${this.dimensions}; ` +
          'use the same embedding model for indexing and serving.',
      );
    }
    const norm = Math.hypot(...query) || 1;
    const unit = query.map((value) => value / norm);
    const scores = new Map<number, number>();
    for (const document of documents) {
      let dot = 0;
      const offset = document * this.dimensions;
      for (let i = 0; i < this.dimensions; i++) dot += unit[i]! * this.vectors[offset + i]!;
      scores.set(document, dot);
    }
    return scores;
  }
}
