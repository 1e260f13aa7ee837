// One measurement in a fresh process, so its memory figure is its own:
//   node --import tsx --conditions=source bench/store-child.ts <local|hybrid|minisearch|orama|flexsearch|none> <file> <queries.json> [ivf probes]
// Loads the index (timed), runs the questions (3 rounds after a warm-up), and prints one JSON line:
// { loadMs, rssMb, p50Ms, p95Ms, cpuP50Ms, cpuP95Ms, hits }. `none` loads nothing: the baseline memory of the
// process. cpu*: the process's CPU time per question, which a machine shared with other work inflates far
// less than the elapsed time.
import { readFile } from 'node:fs/promises';
import { LocalStore } from '@docent/retrieval';
import MiniSearch from 'minisearch';
import { MINISEARCH_OPTIONS } from './minisearch-options.js';
import { PEER_ENGINES } from './peer-engines.js';
import { peakRssMb } from './processes.js';
import { median, percentile } from './statistics.js';

const [engine, file, queriesFile, probes] = process.argv.slice(2);
type Query = string | { text: string; vector: number[] };
const queries = JSON.parse(await readFile(queriesFile!, 'utf8')) as Query[];

let search: (query: Query) => Promise<number> | number;
const started = performance.now();
if (engine === 'hybrid') {
  // Sparse and dense together, fused, as a service with an embedder searches.
  const store = await LocalStore.open({ path: file!, ...(probes ? { ivfProbes: Number(probes) } : {}) });
  search = async (query) => {
    const { text, vector } = query as { text: string; vector: number[] };
    return (await store.search({ text, vector, filter: { locale: 'en' } })).length;
  };
} else if (engine === 'local') {
  const store = await LocalStore.open({ path: file! });
  search = async (query) => (await store.search({ text: query as string, filter: { locale: 'en' } })).length;
} else if (engine === 'orama' || engine === 'flexsearch') {
  const peer = await PEER_ENGINES[engine].load(await readFile(file!, 'utf8'));
  search = (query) => peer(query as string, 'en');
} else if (engine === 'minisearch') {
  const engineIndex = MiniSearch.loadJSON(await readFile(file!, 'utf8'), MINISEARCH_OPTIONS);
  search = (query) =>
    engineIndex.search(query as string, { filter: (result) => result.locale === 'en' }).slice(0, 8).length;
} else {
  search = () => 0;
}
const loadMs = performance.now() - started;

for (const query of queries.slice(0, 20)) await search(query);
let hits = 0;
const rounds: { p50: number; p95: number; cpuP50: number; cpuP95: number }[] = [];
for (let round = 0; round < 3; round++) {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (const query of queries) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    hits += await search(query);
    const used = process.cpuUsage(cpu);
    times.push(performance.now() - start);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  rounds.push({
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    cpuP50: percentile(cpuTimes, 50),
    cpuP95: percentile(cpuTimes, 95),
  });
}
console.log(
  JSON.stringify({
    loadMs,
    // VmHWM, not getrusage: ru_maxrss keeps the high-water mark of the parent this process was forked from.
    rssMb: peakRssMb(process.pid),
    p50Ms: median(rounds.map((round) => round.p50)),
    p95Ms: median(rounds.map((round) => round.p95)),
    cpuP50Ms: median(rounds.map((round) => round.cpuP50)),
    cpuP95Ms: median(rounds.map((round) => round.cpuP95)),
    hits,
  }),
);
