// Prepares the hybrid store benchmark for one size in a process of its own (large heap):
//   node --max-old-space-size=16384 --import tsx --conditions=source bench/hybrid-prepare.ts <count> <dims> <folder>
// Writes hybrid-<count>.docent (synthetic chunks with clustered unit vectors) and hybrid-queries-<count>.json
// (200 questions with vectors), and prints one JSON line: { packMs, ivfLists, overlapInt8, overlapRescored,
// overlapIvf }: the share of the float32 top 10 that a scan of all int8 codes alone, a scan of all int8 codes
// re-scored with the float32 originals, and the IVF lists (16 probes) re-scored (what the store does) find.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DenseIndex, IndexImage, packIndex, quantizeVectors, writeIndexFile } from '@docent/retrieval';
import { seededRandom } from '@docent/test-support';
import { syntheticChunks, syntheticQueries } from './synthetic-chunks.js';

const count = Number(process.argv[2]);
const dimensions = Number(process.argv[3]);
const folder = process.argv[4]!;
const TOPICS = 500;
const next = seededRandom(3);
const gaussian = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
const centroids = Array.from({ length: TOPICS }, () => Array.from({ length: dimensions }, gaussian));
/** A vector near one topic's centroid (docs sections on one topic are near each other). */
const near = (topic: number, spread: number) => centroids[topic]!.map((value) => value + spread * gaussian());

const { chunks, vocabulary } = syntheticChunks(count);
const flat = new Float32Array(count * dimensions);
chunks.forEach((chunk, document) => {
  chunk.vector = near(document % TOPICS, 1.5);
  DenseIndex.normalise(chunk.vector, flat, document * dimensions, dimensions);
});
const queries = syntheticQueries(vocabulary).map((text, at) => ({
  text,
  vector: near((at * 7) % TOPICS, 1.5),
}));
await writeFile(join(folder, `hybrid-queries-${count}.json`), JSON.stringify(queries));

let started = performance.now();
const packed = await packIndex(chunks, {
  embedder: { id: 'synthetic', dimensions },
  builtAt: new Date().toISOString(),
});
await writeIndexFile(join(folder, `hybrid-${count}.docent`), packed);
const packMs = performance.now() - started;
started = 0;

const { codes, scales } = quantizeVectors(flat, count, dimensions);
const int8 = new DenseIndex(codes, scales, dimensions);
const original = (document: number) => flat.subarray(document * dimensions, (document + 1) * dimensions);
const rescored = new DenseIndex(codes, scales, dimensions, original);
const { ivf } = new IndexImage(packed.header, packed.body);
const approximate = new DenseIndex(codes, scales, dimensions, original, ivf);
let foundInt8 = 0;
let foundRescored = 0;
let foundIvf = 0;
const PROBES = [4, 8, 16, 32, 64];
const foundByProbes = PROBES.map(() => 0);
const sample = queries.slice(0, 50);
for (const query of sample) {
  const unit = new Float32Array(dimensions);
  DenseIndex.normalise(query.vector, unit, 0, dimensions);
  const scores = new Float32Array(count);
  for (let document = 0; document < count; document++) {
    let dot = 0;
    for (let i = 0; i < dimensions; i++) dot += unit[i]! * flat[document * dimensions + i]!;
    scores[document] = dot;
  }
  const exact = new Set([...scores.keys()].sort((a, b) => scores[b]! - scores[a]!).slice(0, 10));
  foundInt8 += [...int8.nearest(query.vector, () => true, 10).keys()].filter((d) => exact.has(d)).length;
  foundRescored += [...rescored.nearest(query.vector, () => true, 10).keys()].filter((d) =>
    exact.has(d),
  ).length;
  foundIvf += [...approximate.nearest(query.vector, () => true, 10).keys()].filter((d) =>
    exact.has(d),
  ).length;
  PROBES.forEach((probes, at) => {
    const found = [...approximate.nearest(query.vector, () => true, 10, probes).keys()];
    foundByProbes[at] = foundByProbes[at]! + found.filter((d) => exact.has(d)).length;
  });
}
console.log(
  JSON.stringify({
    packMs,
    ivfLists: packed.header.ivfLists ?? 0,
    overlapIvf: foundIvf / (sample.length * 10),
    overlapIvfByProbes: Object.fromEntries(
      PROBES.map((probes, at) => [probes, foundByProbes[at]! / (sample.length * 10)]),
    ),
    overlapInt8: foundInt8 / (sample.length * 10),
    overlapRescored: foundRescored / (sample.length * 10),
  }),
);
