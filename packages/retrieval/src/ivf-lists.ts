import { nearestCentroid, sphericalKMeans } from './spherical-k-means.js';

/**
 * An inverted file (IVF) over dense vectors: a coarse quantizer (k-means centroids, unit length) and, per
 * centroid, the list of documents nearest to it. A search compares the query with the centroids and scans
 * only the documents of the nearest few lists (the probes). Stored in the index file (format 3, sections
 * `ivfCentroids`, `ivfListOffsets`, `ivfListDocuments`).
 */
export type IvfLists = {
  /** `lists` × dimensions, float32, unit length. */
  centroids: Float32Array;
  /** Per list: where its documents start in `documents`; `lists + 1` entries. */
  offsets: Uint32Array;
  /** Every document that has a vector, grouped by list, ascending within a list. */
  documents: Uint32Array;
};

/** Below this many vectors the dense search scans them all (exact, and already fast). */
export const IVF_MIN_VECTORS = 4096;
/** Lists probed per query unless configured (more: closer to exact, slower). */
export const DEFAULT_IVF_PROBES = 16;
/**
 * k-means is trained on every vector up to this many, and on an evenly strided sample of this many (or of 16
 * per list, if more) beyond: on the 10k synthetic benchmark a sample of 16 per list (1,600) found 0.52 of
 * the exact top 10 with 16 probes, all 10,000 found 0.99.
 */
const TRAINING_VECTORS = 16_384;
const TRAINING_PER_LIST = 16;
const TRAINING_ROUNDS = 8;
const ROWS_PER_SLICE = 1000;

/** How many lists an index of `vectors` vectors gets: about their square root (a common IVF rule). */
export function ivfListCount(vectors: number): number {
  return Math.max(1, Math.round(Math.sqrt(vectors)));
}

/**
 * Builds the IVF lists of unit vectors (`vectors`, document `d` at `d * dimensions`; only documents with
 * `hasVector[d] === 1`), or returns null when there are fewer than `minimum` of them. Trains spherical
 * k-means with ~√n lists on every vector, or beyond 16,384 an evenly strided sample of 16,384 (8 rounds),
 * then assigns every vector to its nearest centroid. Deterministic: the same vectors give the same lists. Cost at 100k × 1,536:
 * about 10¹¹ multiply-adds (a minute or more on two cores), paid by the indexer, never by the server.
 */
export async function buildIvfLists(
  vectors: Float32Array,
  hasVector: Uint8Array,
  dimensions: number,
  minimum = IVF_MIN_VECTORS,
): Promise<IvfLists | null> {
  const withVectors: number[] = [];
  hasVector.forEach((flag, document) => {
    if (flag === 1) withVectors.push(document);
  });
  if (dimensions === 0 || withVectors.length < Math.max(1, minimum)) return null;
  const lists = ivfListCount(withVectors.length);
  const sampleSize = Math.min(withVectors.length, Math.max(lists * TRAINING_PER_LIST, TRAINING_VECTORS));
  const sample = Uint32Array.from(
    { length: sampleSize },
    (_, at) => withVectors[Math.floor((at * withVectors.length) / sampleSize)]!,
  );
  const centroids = await sphericalKMeans(vectors, sample, dimensions, lists, TRAINING_ROUNDS);
  const listOf = new Uint32Array(withVectors.length);
  const sizes = new Uint32Array(lists);
  for (let at = 0; at < withVectors.length; at++) {
    const list = nearestCentroid(centroids, vectors, withVectors[at]!, dimensions);
    listOf[at] = list;
    sizes[list]!++;
    if (at % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  const offsets = new Uint32Array(lists + 1);
  for (let list = 0; list < lists; list++) offsets[list + 1] = offsets[list]! + sizes[list]!;
  const filled = offsets.slice(0, lists);
  const documents = new Uint32Array(withVectors.length);
  for (let at = 0; at < withVectors.length; at++) documents[filled[listOf[at]!]!++] = withVectors[at]!;
  return { centroids, offsets, documents };
}

/**
 * Checks that IVF lists read from a file fit an index of `count` documents and `dimensions`; throws a
 * RangeError naming the problem (the caller reports a damaged index).
 */
export function checkIvfLists(ivf: IvfLists, count: number, dimensions: number): void {
  const lists = ivf.offsets.length - 1;
  if (lists < 1 || ivf.centroids.length !== lists * dimensions)
    throw new RangeError('the IVF centroids do not match its lists');
  if (ivf.offsets[0] !== 0 || ivf.offsets[lists] !== ivf.documents.length)
    throw new RangeError('the IVF list offsets do not cover its documents');
  for (let list = 0; list < lists; list++)
    if (ivf.offsets[list + 1]! < ivf.offsets[list]!) throw new RangeError('the IVF list offsets decrease');
  for (const document of ivf.documents)
    if (document >= count) throw new RangeError(`an IVF list names document ${document} of ${count}`);
}
