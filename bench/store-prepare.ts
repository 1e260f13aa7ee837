// Prepares both engines' indexes for one size in a process of its own (with a large heap: 300k synthetic
// chunks and MiniSearch's index do not fit in Node's default one):
//   node --max-old-space-size=16384 --import tsx --conditions=source bench/store-prepare.ts <count> <folder>
// Writes local-<count>.docent, minisearch-<count>.json (when it can be serialised) and queries-<count>.json,
// and prints one JSON line: { packMs, buildMs?, skipped? }.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packIndex, writeIndexFile } from '@docent/retrieval';
import MiniSearch from 'minisearch';
import { MINISEARCH_OPTIONS } from './minisearch-options.js';
import { syntheticChunks, syntheticQueries } from './synthetic-chunks.js';

const count = Number(process.argv[2]);
const folder = process.argv[3]!;
const { chunks, vocabulary } = syntheticChunks(count);
await writeFile(join(folder, `queries-${count}.json`), JSON.stringify(syntheticQueries(vocabulary)));

let started = performance.now();
const packed = await packIndex(chunks, { embedder: null, builtAt: new Date().toISOString() });
await writeIndexFile(join(folder, `local-${count}.docent`), packed);
const packMs = performance.now() - started;

started = performance.now();
const engine = new MiniSearch(MINISEARCH_OPTIONS);
engine.addAll(chunks);
let json: string;
try {
  json = JSON.stringify(engine);
} catch (error) {
  console.log(
    JSON.stringify({ packMs, skipped: `its index could not be serialised (${(error as Error).message})` }),
  );
  process.exit(0);
}
const buildMs = performance.now() - started;
await writeFile(join(folder, `minisearch-${count}.json`), json);
console.log(JSON.stringify({ packMs, buildMs }));
