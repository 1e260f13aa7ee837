import { DEFAULT_IVF_PROBES, type IvfLists } from './ivf-lists.js';
import { topK } from './top-k.js';
import { dotCodes, dotRow, quantizeQuery } from './vector-dot.js';

/** How many int8 candidates per result are re-scored exactly with the float32 originals. */
export const RESCORE_FACTOR = 4;

/**
 * Cosine similarity search over unit-length vectors scalar-quantized to int8 (document `d` at
 * `d * dimensions` of `codes`, its value `code * scales[d]`), as the index file stores them: a quarter of
 * float32's memory. Without IVF lists every accepted document is scored (brute force, exact over the
 * codes); with them (`ivf`, large indexes) only the documents of the `probes` lists whose centroids are
 * nearest the query, and further lists while fewer than the candidates needed were accepted (a narrow
 * filter). `codesByList`: the rows of `codes` are in the IVF lists' order instead (row r is document
 * `ivf.documents[r]`, see `IndexHeader.codesByList`), so each probed list is one contiguous run of memory.
 * The query is quantized to int8 too (`quantizeQuery`) and scored against the codes by SIMD kernels
 * (`dotRow`). The best `k * RESCORE_FACTOR` by the int8 dot product are re-scored with the float32
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
    private readonly ivf: IvfLists | null = null,
    private readonly codesByList = false,
  ) {
    if (dimensions <= 0 || codes.length % dimensions !== 0 || codes.length / dimensions !== scales.length) {
      throw new RangeError(`${codes.length} vector values do not divide into ${dimensions} dimensions`);
    }
    if (codesByList && !ivf) throw new RangeError('codes in list order need the IVF lists');
  }

  get size(): number {
    return this.scales.length;
  }

  /** Whether searches probe IVF lists (approximate) rather than scan every vector. */
  get approximate(): boolean {
    return this.ivf !== null;
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

  /**
   * The `k` accepted documents most similar to the query, best first, with their cosine similarity.
   * `probes`: how many IVF lists to scan at least (ignored without lists).
   */
  nearest(
    query: readonly number[],
    accept: (document: number) => boolean,
    k: number,
    probes = DEFAULT_IVF_PROBES,
  ): Map<number, number> {
    if (query.length !== this.dimensions) {
      throw new Error(
        `The query vector has ${query.length} dimensions but the index was built with ${this.dimensions}; ` +
          'use the same embedding model for indexing and serving.',
      );
    }
    const dimensions = this.dimensions;
    const unit = new Float32Array(dimensions);
    DenseIndex.normalise(query, unit, 0, dimensions);
    const wanted = this.exact ? k * RESCORE_FACTOR : k;
    this.scratch ??= new Float32Array(this.size);
    const similarity = this.scratch;
    const scored: number[] = [];
    // The query quantized like the documents: int8 × int8 in SIMD kernels, exact integers either way.
    const query8 = quantizeQuery(unit);
    const score = (document: number, row: number) => {
      similarity[document] =
        (dotCodes(query8, this.codes, row * dimensions) * this.scales[document]!) / query8.scale;
      scored.push(document);
    };
    if (this.ivf) {
      const { centroids, offsets, documents } = this.ivf;
      const lists = offsets.length - 1;
      const order = topK(
        Array.from({ length: lists }, (_, list) => list),
        (list) => dotRow(unit, centroids, list * dimensions),
        lists,
      );
      for (let probed = 0; probed < lists; probed++) {
        if (probed >= probes && scored.length >= wanted) break;
        const list = order[probed]!;
        for (let at = offsets[list]!; at < offsets[list + 1]!; at++) {
          const document = documents[at]!;
          if (accept(document)) score(document, this.codesByList ? at : document);
        }
      }
    } else {
      for (let document = 0; document < similarity.length; document++)
        if (accept(document)) score(document, document);
    }
    const candidates = topK(scored, (document) => similarity[document]!, wanted);
    const rescored = candidates.map((document) => {
      const original = this.exact?.(document);
      if (!original) return [document, similarity[document]!] as const;
      return [document, dotRow(unit, original, 0)] as const;
    });
    rescored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return new Map(rescored.slice(0, k));
  }
}
