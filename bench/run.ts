import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { measureSearchLatency } from './search-latency.js';
import { round } from './statistics.js';

const { values } = parseArgs({ options: { json: { type: 'string' }, quick: { type: 'boolean' } } });

const results: Record<string, unknown> = {
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
  },
};
const rows: string[][] = [];

const search: Record<string, unknown> = {};
for (const [label, count] of values.quick
  ? [['1k', 1_000]]
  : [
      ['1k', 1_000],
      ['10k', 10_000],
      ['100k', 100_000],
    ]) {
  const measured = measureSearchLatency(count as number);
  search[label as string] = {
    p50Ms: round(measured.p50Ms, 3),
    p95Ms: round(measured.p95Ms, 3),
    buildMs: round(measured.buildMs, 0),
  };
  rows.push([
    `search.local.${label} p50 / p95`,
    `${round(measured.p50Ms, 3)} ms / ${round(measured.p95Ms, 3)} ms`,
    `${measured.queries} queries, index built in ${round(measured.buildMs, 0)} ms`,
  ]);
}
results.search = { local: search };
const peakRssMb = round(process.resourceUsage().maxRSS / 1024, 0);
results.memory = { peakRssMb };
rows.push(['peak RSS of the benchmark process', `${peakRssMb} MB`, 'includes the 100k-chunk index']);

const width = Math.max(...rows.map((row) => row[0]!.length));
console.log(
  `Docent benchmarks on ${(results.machine as { cores: number }).cores} cores, Node ${process.version}\n`,
);
for (const [name, value, note] of rows) console.log(`${name!.padEnd(width)}  ${value!.padEnd(24)}  ${note}`);
if (values.json) {
  await writeFile(values.json, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${values.json}`);
}
