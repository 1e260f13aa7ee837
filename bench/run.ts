// `pnpm bench [-- --json out.json] [--quick]`: every benchmark, medians over repeated runs, one table and
// one JSON file. --quick skips the 10k to 300k store sizes and the widget builds (for a fast look).
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
import { measureLocales } from './locale-bench.js';
import { measureQuestionLog } from './question-log-bench.js';
import { measureServer } from './server-bench.js';
import { round } from './statistics.js';
import { baselineRssMb, measureHybrid, measureStores } from './store-load.js';
import { measureTypeahead } from './typeahead-bench.js';
import { measureWidget } from './widget-size.js';

const BENCH_USAGE = `Usage: pnpm bench [-- options]

Runs every benchmark (the local store against MiniSearch at 1k to 300k chunks, indexing, the answer service,
widget size, retrieval against lunr) and prints one line per figure. About 40 minutes on 2 cores; --quick about 1.

Options:
  --json <file>      also write every figure as JSON (the Benchmarks page is generated from it)
  --quick            1k chunks only, one process each, no widget build (a smoke run)
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

console.error(
  'the local store against MiniSearch: load, memory and search latency, each in its own process…',
);
const work = await mkdtemp(join(tmpdir(), 'docent-bench-'));
const baseline = await baselineRssMb(work);
const stores: Record<string, Record<string, unknown>> = {
  local: {},
  minisearch: {},
  orama: {},
  flexsearch: {},
  ratios: {},
};
for (const [label, count, runs] of (values.quick
  ? [['1k', 1_000, 1]]
  : [
      ['1k', 1_000, 3],
      ['10k', 10_000, 3],
      ['100k', 100_000, 3],
      ['300k', 300_000, 1],
    ]) as [string, number, number][]) {
  const measured = await measureStores(count, work, runs);
  const local = measured.local;
  stores.local![label] = {
    loadMs: round(local.loadMs, 0),
    rssMb: round(local.rssMb, 0),
    p50Ms: round(local.p50Ms, 3),
    p95Ms: round(local.p95Ms, 3),
    packMs: round(local.packMs, 0),
    fileMb: round(local.fileMb, 1),
  };
  row(
    `search.local.${label}`,
    `load ${round(local.loadMs, 0)} ms, ${round(local.rssMb, 0)} MB, p50 ${round(local.p50Ms, 3)} ms, p95 ${round(local.p95Ms, 3)} ms`,
    `index file ${round(local.fileMb, 1)} MB, packed by the indexer in ${round(local.packMs / 1000, 1)} s; median of ${runs} process${runs > 1 ? 'es' : ''}`,
  );
  for (const name of ['orama', 'flexsearch'] as const) {
    const other = measured[name];
    if ('skipped' in other) {
      stores[name]![label] = { skipped: other.skipped };
      row(`search.${name}.${label}`, 'not measured', other.skipped);
      continue;
    }
    stores[name]![label] = {
      loadMs: round(other.loadMs, 0),
      rssMb: round(other.rssMb, 0),
      p50Ms: round(other.p50Ms, 3),
      p95Ms: round(other.p95Ms, 3),
      buildMs: round(other.buildMs, 0),
      fileMb: round(other.fileMb, 1),
    };
    row(
      `search.${name}.${label}`,
      `load ${round(other.loadMs, 0)} ms, ${round(other.rssMb, 0)} MB, p50 ${round(other.p50Ms, 3)} ms, p95 ${round(other.p95Ms, 3)} ms`,
      `${name} ÷ Docent: load x${round(other.loadMs / local.loadMs, 1)}, memory x${round(other.rssMb / local.rssMb, 1)}, p50 x${round(other.p50Ms / local.p50Ms, 1)}`,
    );
  }
  const peer = measured.minisearch;
  if ('skipped' in peer) {
    stores.minisearch![label] = { skipped: peer.skipped };
    row(`search.minisearch.${label}`, 'not measured', peer.skipped);
    continue;
  }
  stores.minisearch![label] = {
    loadMs: round(peer.loadMs, 0),
    rssMb: round(peer.rssMb, 0),
    p50Ms: round(peer.p50Ms, 3),
    p95Ms: round(peer.p95Ms, 3),
    buildMs: round(peer.buildMs, 0),
    fileMb: round(peer.fileMb, 1),
  };
  const ratios = {
    loadMs: round(peer.loadMs / local.loadMs, 1),
    rssMb: round(peer.rssMb / local.rssMb, 1),
    p50Ms: round(peer.p50Ms / local.p50Ms, 1),
    p95Ms: round(peer.p95Ms / local.p95Ms, 1),
  };
  stores.ratios![label] = ratios;
  row(
    `search.minisearch.${label}`,
    `load ${round(peer.loadMs, 0)} ms, ${round(peer.rssMb, 0)} MB, p50 ${round(peer.p50Ms, 3)} ms, p95 ${round(peer.p95Ms, 3)} ms`,
    `MiniSearch ÷ Docent: load x${ratios.loadMs}, memory x${ratios.rssMb}, p50 x${ratios.p50Ms}, p95 x${ratios.p95Ms}`,
  );
}
console.error('the local store with dense vectors (int8 in memory, float32 on disk), 1,536 dimensions…');
const hybrid: Record<string, unknown> = {};
for (const [label, count, runs] of (values.quick
  ? [['1k', 1_000, 1]]
  : [
      ['10k', 10_000, 3],
      ['100k', 100_000, 1],
    ]) as [string, number, number][]) {
  const figures = await measureHybrid(count, 1536, work, runs);
  hybrid[label] = {
    loadMs: round(figures.loadMs, 0),
    rssMb: round(figures.rssMb, 0),
    p50Ms: round(figures.p50Ms, 3),
    p95Ms: round(figures.p95Ms, 3),
    packMs: round(figures.packMs, 0),
    fileMb: round(figures.fileMb, 1),
    dimensions: figures.dimensions,
    overlapInt8: round(figures.overlapInt8, 3),
    overlapRescored: round(figures.overlapRescored, 3),
  };
  row(
    `search.hybrid.${label}`,
    `load ${round(figures.loadMs, 0)} ms, ${round(figures.rssMb, 0)} MB, p50 ${round(figures.p50Ms, 3)} ms, p95 ${round(figures.p95Ms, 3)} ms`,
    `${figures.dimensions} dimensions; top-10 overlap with float32: int8 alone ${round(figures.overlapInt8, 3)}, re-scored ${round(figures.overlapRescored, 3)}; file ${round(figures.fileMb, 0)} MB`,
  );
}
stores.hybrid = hybrid;
results.search = { baselineRssMb: round(baseline, 0), ...stores };
row(
  'search baseline RSS',
  `${round(baseline, 0)} MB`,
  'a child process that loads no index (every RSS above includes it)',
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

console.error('question log and report…');
const questionLog = await measureQuestionLog(values.quick ? 1 : 3);
results.questionLog = {
  recordUs: round(questionLog.recordUs, 2),
  writtenUs: round(questionLog.writtenUs, 2),
  report100kMs: round(questionLog.report100kMs, 0),
};
row(
  'questionLog.perQuestion',
  `${round(questionLog.recordUs, 2)} µs in the answer, ${round(questionLog.writtenUs, 2)} µs to disk`,
  'JSONL, redaction included; a burst of 20,000 questions',
);
row(
  'questionLog.report100k',
  `${round(questionLog.report100kMs / 1000, 1)} s`,
  `report.json + index.html from 100,000 logged questions (${questionLog.report100kTopics} topics listed)`,
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

console.error('languages: index time and search latency per locale (pnpm docs, en and zh)…');
const pnpmDocs = join(corpora, 'pnpm-docs');
const locales = await measureLocales([
  { locale: 'en', docs: join(pnpmDocs, 'docs'), questions: join(pnpmDocs, 'questions.jsonl') },
  {
    locale: 'zh',
    docs: join(pnpmDocs, 'i18n', 'zh', 'docusaurus-plugin-content-docs', 'current'),
    questions: join(root, 'eval', 'questions', 'pnpm-zh.jsonl'),
  },
]);
for (const [locale, figures] of Object.entries(locales)) {
  row(
    `locale.${locale}`,
    `index ${figures.indexMs} ms (${figures.chunksPerSecond} chunks/s), search p50 ${figures.searchP50Ms} ms / p95 ${figures.searchP95Ms} ms`,
    `pnpm docs, ${figures.chunks} chunks in ${locale}; ${figures.questions} questions x 10`,
  );
}
results.locales = locales;

console.error('answer service…');
const index = join(work, 'hono.docent');
await indexCommand(
  // Hono's docs are VitePress pages: their `.md` files are CommonMark, not MDX.
  [
    ...['--docs', join(corpora, 'hono-docs'), '--base-url', '/docs', '--markdown-format', 'detect'],
    ...['--out', index, '--quiet', '--no-cache'],
  ],
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

{
  const size = values.quick ? 1_000 : 100_000;
  const label = values.quick ? '1k' : '100k';
  console.error(`search as you type at ${label} chunks…`);
  const typeahead = await measureTypeahead(size);
  results.typeahead = typeahead;
  row(
    `search.typeahead.${label}`,
    `p50 ${typeahead.p50Ms} ms, p95 ${typeahead.p95Ms} ms`,
    `server time per keystroke (GET /api/search), ${typeahead.keystrokes} keystrokes; a typo: p50 ${typeahead.typoP50Ms} ms (store: ${typeahead.typoOnStoreP50Ms} ms, ${typeahead.typoOffP50Ms} ms with typo tolerance off)`,
  );
}

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
  row(
    'widget.searchGzipBytes',
    `${(widget.searchGzipBytes / 1024).toFixed(1)} KB`,
    'search dialog chunk fetched on first open (gzip; budget 12 KB)',
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
