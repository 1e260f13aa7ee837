import { dotRow } from './vector-dot.js';

/** Rows assigned between two turns of the event loop (a server packing an index keeps answering). */
const ROWS_PER_SLICE = 1000;

/**
 * The centroid (row of `centroids`) with the largest dot product with row `row` of `vectors`: the nearest
 * by cosine when both are unit length.
 */
export function nearestCentroid(
  centroids: Float32Array,
  vectors: Float32Array,
  row: number,
  dimensions: number,
): number {
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  const clusters = centroids.length / dimensions;
  const vector = vectors.subarray(row * dimensions, (row + 1) * dimensions);
  for (let cluster = 0; cluster < clusters; cluster++) {
    const score = dotRow(vector, centroids, cluster * dimensions);
    if (score > bestScore) {
      bestScore = score;
      best = cluster;
    }
  }
  return best;
}

/**
 * Spherical k-means (Dhillon & Modha, 2001: k-means on the unit sphere, similarity = dot product, each
 * centroid the normalised mean of its members) over the unit vectors of `vectors` at the given `rows`.
 * Deterministic, without randomness: the initial centroids are `clusters` rows evenly spaced through
 * `rows`. A cluster left empty keeps its previous centroid. Stops after `iterations` rounds or when no
 * row changes cluster. Returns the centroids, `clusters` × `dimensions`, unit length. Cost: about
 * rows × clusters × dimensions multiply-adds per round; yields to the event loop between slices of rows.
 */
export async function sphericalKMeans(
  vectors: Float32Array,
  rows: Uint32Array,
  dimensions: number,
  clusters: number,
  iterations: number,
): Promise<Float32Array> {
  if (clusters < 1 || clusters > rows.length) {
    throw new RangeError(`cannot make ${clusters} clusters of ${rows.length} vectors`);
  }
  const centroids = new Float32Array(clusters * dimensions);
  for (let cluster = 0; cluster < clusters; cluster++) {
    const row = rows[Math.floor((cluster * rows.length) / clusters)]!;
    centroids.set(vectors.subarray(row * dimensions, (row + 1) * dimensions), cluster * dimensions);
  }
  const assigned = new Int32Array(rows.length).fill(-1);
  const sums = new Float64Array(clusters * dimensions);
  const sizes = new Uint32Array(clusters);
  for (let round = 0; round < iterations; round++) {
    let moved = 0;
    for (let at = 0; at < rows.length; at++) {
      const cluster = nearestCentroid(centroids, vectors, rows[at]!, dimensions);
      if (cluster !== assigned[at]) moved++;
      assigned[at] = cluster;
      if (at % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    if (moved === 0) break;
    sums.fill(0);
    sizes.fill(0);
    for (let at = 0; at < rows.length; at++) {
      const cluster = assigned[at]!;
      const from = rows[at]! * dimensions;
      const to = cluster * dimensions;
      sizes[cluster]!++;
      for (let i = 0; i < dimensions; i++) sums[to + i]! += vectors[from + i]!;
    }
    for (let cluster = 0; cluster < clusters; cluster++) {
      if (sizes[cluster] === 0) continue;
      const at = cluster * dimensions;
      let norm = 0;
      for (let i = 0; i < dimensions; i++) norm += sums[at + i]! * sums[at + i]!;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < dimensions; i++) centroids[at + i] = sums[at + i]! / norm;
    }
  }
  return centroids;
}
