// `pnpm bench [-- --json out.json] [--quick]`: every benchmark, medians over repeated runs, one table and
// one JSON file. --quick skips the 10k/100k search sizes and the widget builds (for a fast look).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { indexCommand } from '@docent/indexer';
import { evalCorpus } from '../eval/src/eval-corpora.js';
import { readQuestions } from '../eval/src/read-questions.js';
import { runEvaluation } from '../eval/src/run-evaluation.js';
import { summarize } from '../eval/src/summarize.js';
import { measureIndexer } from './indexer-throughput.js';
import { measureSearchLatency } from './search-latency.js';
import { measureServer } from './server-bench.js';
import { round } from './statistics.js';
import { measureWidget } from './widget-size.js';

const BENCH_USAGE = `Usage: pnpm bench [-- options]

Runs every benchmark (search latency, indexing, the answer service, widget size, retrieval against lunr) and
prints one line per figure.

Options:
  --json <file>      also write every figure as JSON (the Benchmarks page is generated from it)
  --quick            fewer rounds and no widget build (a smoke run)
  --streams <n>      concurrent answer streams to hold (default 500)
  -h, --help         this text`;

let values: { json?: string; quick?: boolean; streams?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    // pnpm passes a literal '--' through to the script.
    args: process.argv.slice(2).filter((argument) => argument !== '--'),
    options: {
      json: { type: 'string' },
      quick: { type: 'boolean' },
      streams: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`bench: ${(error as Error).message}. Run \`pnpm bench -- --help\` for the options.`);
  process.exit(1);
}
if (values.help) {
  console.log(BENCH_USAGE);
  process.exit(0);
}
const started = performance.now();
const root = join(import.meta.dirname, '..');
const corpora = join(root, 'eval', 'corpora');
const rows: [string, string, string][] = [];
const row = (name: string, value: string, note = '') => {
  rows.push([name, value, note]);
  console.error(`  ${name}: ${value}`);
};

const results: Record<string, unknown> = {
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
  },
  measuredAt: new Date().toISOString(),
};

console.error('search latency (local store, in memory)…');
const search: Record<string, unknown> = {};
for (const [label, count] of (values.quick
  ? [['1k', 1_000]]
  : [
      ['1k', 1_000],
      ['10k', 10_000],
      ['100k', 100_000],
    ]) as [string, number][]) {
  const measured = measureSearchLatency(count);
  search[label] = {
    p50Ms: round(measured.p50Ms, 3),
    p95Ms: round(measured.p95Ms, 3),
    loadMs: round(measured.buildMs, 0),
  };
  row(
    `search.local.${label}`,
    `p50 ${round(measured.p50Ms, 3)} ms, p95 ${round(measured.p95Ms, 3)} ms`,
    `${measured.queries} queries; index built in ${round(measured.buildMs, 0)} ms`,
  );
}
results.search = { local: search, peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0) };
row(
  'search peak RSS',
  `${round(process.resourceUsage().maxRSS / 1024, 0)} MB`,
  'this process, with the largest index loaded',
);

console.error('retrieval quality against lunr (the Hono evaluation set)…');
const honoCorpus = evalCorpus('hono');
const questions = await readQuestions(honoCorpus.questions);
const evaluation = summarize(await runEvaluation({ corpus: honoCorpus, questions }));
results.retrieval = {
  recallAt5: evaluation.retrieval.recallAt5,
  mrrAt10: evaluation.retrieval.mrrAt10,
  lunrRecallAt5: evaluation.baseline.recallAt5,
  lunrMrrAt10: evaluation.baseline.mrrAt10,
  recallRatioVsLunr: round(evaluation.retrieval.recallAt5 / evaluation.baseline.recallAt5, 2),
  mrrRatioVsLunr: round(evaluation.retrieval.mrrAt10 / evaluation.baseline.mrrAt10, 2),
  declineAccuracy: evaluation.answers.declineAccuracy,
  falseDeclineRate: evaluation.answers.falseDeclineRate,
};
row(
  'retrieval vs lunr',
  `recall@5 ${evaluation.retrieval.recallAt5} vs ${evaluation.baseline.recallAt5} (x${round(evaluation.retrieval.recallAt5 / evaluation.baseline.recallAt5, 2)})`,
  `MRR@10 ${evaluation.retrieval.mrrAt10} vs ${evaluation.baseline.mrrAt10}; ${questions.length} Hono questions`,
);

console.error('indexing throughput…');
const indexer: Record<string, unknown> = {};
for (const [label, folder] of [
  ['hono', 'hono-docs'],
  ['docusaurus', 'docusaurus-docs'],
] as const) {
  const measured = await measureIndexer(join(corpora, folder));
  indexer[label] = {
    files: measured.files,
    chunks: measured.chunks,
    ms: round(measured.ms, 0),
    chunksPerSecond: round(measured.chunksPerSecond, 0),
    noopMs: round(measured.noopMs, 0),
  };
  row(
    `indexer.${label}`,
    `${round(measured.ms, 0)} ms, ${round(measured.chunksPerSecond, 0)} chunks/s`,
    `${measured.files} files, ${measured.chunks} chunks; no-op re-run ${round(measured.noopMs, 0)} ms`,
  );
}
results.indexer = indexer;

console.error('answer service…');
const work = await mkdtemp(join(tmpdir(), 'docent-bench-'));
const index = join(work, 'hono.docent');
await indexCommand(
  ['--docs', join(corpora, 'hono-docs'), '--base-url', '/docs', '--out', index, '--quiet', '--no-cache'],
  {},
  { out: () => {}, err: () => {}, isTerminal: false },
);
const server = await measureServer(index, { streams: Number(values.streams ?? 500) });
results.server = Object.fromEntries(Object.entries(server).map(([key, value]) => [key, round(value, 2)]));
row(
  'server.firstSource',
  `p50 ${round(server.firstSourceP50Ms, 2)} ms, p95 ${round(server.firstSourceP95Ms, 2)} ms`,
  'request to first source-url part, extractive, hono-docs index',
);
row(
  'server.ttftOverhead',
  `${round(server.ttftOverheadMs, 2)} ms`,
  `TTFT through Docent minus TTFT asking the fake LLM directly (${round(server.llmDirectTtftMs, 2)} ms)`,
);
row(
  'server.retrievalRps',
  `${round(server.retrievalRps, 0)} answers/s`,
  'extractive answers, 8 concurrent clients, 5 s',
);
row(
  'server.concurrentStreams',
  `${server.concurrentStreams} held, ${server.concurrentErrors} errors`,
  `slow fake LLM (~4 s an answer); peak RSS ${round(server.peakRssMb, 0)} MB`,
);

if (!values.quick) {
  console.error('widget bundle sizes (two site builds)…');
  const widget = await measureWidget(index);
  results.widget = widget;
  row(
    'widget.initialGzipBytes',
    `${(widget.initialGzipBytes / 1024).toFixed(1)} KB`,
    'JS the theme adds to a docs page first load (gzip)',
  );
  row(
    'widget.panelGzipBytes',
    `${(widget.panelGzipBytes / 1024).toFixed(1)} KB`,
    'panel chunk fetched on first open (gzip)',
  );
}
await rm(work, { recursive: true, force: true });
results.durationSeconds = round((performance.now() - started) / 1000, 0);

const machine = results.machine as { cores: number; cpu: string; memoryGb: number };
console.log(
  `\nDocent benchmarks: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${process.version}\n`,
);
const width = Math.max(...rows.map(([name]) => name.length));
for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padEnd(34)}  ${note}`);
console.log(`\n(${results.durationSeconds} s)`);
if (values.json) {
  await writeFile(values.json, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${values.json}`);
}
