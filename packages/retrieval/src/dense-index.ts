import { topK } from './top-k.js';

/** How many int8 candidates per result are re-scored exactly with the float32 originals. */
export const RESCORE_FACTOR = 4;

/**
 * Brute-force cosine similarity over unit-length vectors scalar-quantized to int8 (document `d` at
 * `d * dimensions` of `codes`, its value `code * scales[d]`), as the index file stores them: a quarter of
 * float32's memory. The best `k * RESCORE_FACTOR` by the int8 dot product are re-scored with the float32
 * originals (`exact`, read from the index file) when they are available, so the top k is the float32 top k
 * whenever the int8 ranking keeps it among its candidates.
 */
export class DenseIndex {
  private scratch: Float32Array | null = null;

  constructor(
    private readonly codes: Int8Array,
    private readonly scales: Float32Array,
    readonly dimensions: number,
    private readonly exact?: (document: number) => Float32Array | undefined,
  ) {
    if (dimensions <= 0 || codes.length % dimensions !== 0 || codes.length / dimensions !== scales.length) {
      throw new RangeError(`${codes.length} vector values do not divide into ${dimensions} dimensions`);
    }
  }

  get size(): number {
    return this.scales.length;
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
    const dimensions = this.dimensions;
    const unit = new Float32Array(dimensions);
    DenseIndex.normalise(query, unit, 0, dimensions);
    this.scratch ??= new Float32Array(this.size);
    const similarity = this.scratch;
    const codes = this.codes;
    for (let document = 0; document < similarity.length; document++) {
      if (!accept(document)) {
        similarity[document] = Number.NEGATIVE_INFINITY;
        continue;
      }
      let dot = 0;
      const offset = document * dimensions;
      for (let i = 0; i < dimensions; i++) dot += unit[i]! * codes[offset + i]!;
      similarity[document] = dot * this.scales[document]!;
    }
    const candidates = topK(
      acceptedDocuments(similarity),
      (document) => similarity[document]!,
      this.exact ? k * RESCORE_FACTOR : k,
    );
    const scored = candidates.map((document) => {
      const original = this.exact?.(document);
      if (!original) return [document, similarity[document]!] as const;
      let dot = 0;
      for (let i = 0; i < dimensions; i++) dot += unit[i]! * original[i]!;
      return [document, dot] as const;
    });
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return new Map(scored.slice(0, k));
  }
}

function* acceptedDocuments(similarity: Float32Array): Generator<number> {
  for (let document = 0; document < similarity.length; document++) {
    if (similarity[document] !== Number.NEGATIVE_INFINITY) yield document;
  }
}
