// Prepares one peer engine's index for one size in a process of its own (large heap):
//   node --max-old-space-size=16384 --import tsx --conditions=source bench/peer-prepare.ts <orama|flexsearch> <count> <folder>
// Writes <engine>-<count>.json from the same synthetic chunks as the local store's, and prints one JSON line:
// { buildMs } or { skipped }.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PEER_ENGINES, type PeerEngine } from './peer-engines.js';
import { syntheticChunks } from './synthetic-chunks.js';

const engine = PEER_ENGINES[process.argv[2] as PeerEngine['name']];
const count = Number(process.argv[3]);
const folder = process.argv[4]!;
const { chunks } = syntheticChunks(count);
const started = performance.now();
let serialised: string;
try {
  serialised = await engine.build(chunks);
} catch (error) {
  console.log(
    JSON.stringify({ skipped: `its index could not be built or serialised (${(error as Error).message})` }),
  );
  process.exit(0);
}
const buildMs = performance.now() - started;
await writeFile(join(folder, `${engine.name}-${count}.json`), serialised);
console.log(JSON.stringify({ buildMs }));
