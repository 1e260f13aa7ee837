// `pnpm bench [-- --json out.json] [--quick] [--only parts] [--sizes labels]`: every benchmark (or the parts
// named), medians over repeated runs, one table and one JSON file (merged into an existing one with --only).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexCommand } from '@docent/indexer';
import { evalCorpus } from '../eval/src/eval-corpora.js';
import { readQuestions } from '../eval/src/read-questions.js';
import { runEvaluation } from '../eval/src/run-evaluation.js';
import { summarize } from '../eval/src/summarize.js';
import { BENCH_USAGE, type BenchOptions, parseBenchOptions } from './bench-options.js';
import { BenchReport } from './bench-report.js';
import { measureIndexer } from './indexer-throughput.js';
import { measureLocales } from './locale-bench.js';
import { measureQuestionLog } from './question-log-bench.js';
import { measureServer } from './server-bench.js';
import { round } from './statistics.js';
import { recordHybrid, recordOverlap, recordStores } from './store-figures.js';
import { baselineRssMb } from './store-load.js';
import { measureTypeahead } from './typeahead-bench.js';
import { measureWidget } from './widget-size.js';

let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${(error as Error).message}`);
  process.exit(1);
}
if (options.help) {
  console.log(BENCH_USAGE);
  process.exit(0);
}
const { parts } = options;
const root = join(import.meta.dirname, '..');
const corpora = join(root, 'eval', 'corpora');
const report = new BenchReport();
const { results } = report;
const row = report.row.bind(report);
const work = await mkdtemp(join(tmpdir(), 'docent-bench-'));

const search: Record<string, unknown> = {};
if (parts.has('stores') || parts.has('hybrid')) {
  search.baselineRssMb = round(await baselineRssMb(work), 0);
  row(
    'search baseline RSS',
    `${search.baselineRssMb} MB`,
    'a child process that loads no index (every RSS above includes it)',
  );
}
if (parts.has('stores')) {
  console.error('the local store against MiniSearch, Orama and FlexSearch, each in its own process…');
  Object.assign(search, await recordStores(report, work, options));
}
if (parts.has('hybrid')) {
  console.error('the local store with dense vectors (int8, IVF lists, float32 on disk), 1,536 dimensions…');
  search.hybrid = await recordHybrid(report, work, options);
}
if (parts.has('overlap') && !options.quick) {
  console.error('int8 and IVF against float32 on real sentence vectors (USE lite), hono, pnpm and redux…');
  search.realVectors = await recordOverlap(report);
}
if (Object.keys(search).length > 0) results.search = search;

if (parts.has('retrieval')) {
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
}

if (parts.has('question-log')) {
  console.error('question log and report…');
  const questionLog = await measureQuestionLog(options.quick ? 1 : 3);
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
}

if (parts.has('indexer')) {
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
}

if (parts.has('locales')) {
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
}

const index = join(work, 'hono.docent');
if (parts.has('server') || (parts.has('widget') && !options.quick)) {
  await indexCommand(
    // Hono's docs are VitePress pages: their `.md` files are CommonMark, not MDX.
    [
      ...['--docs', join(corpora, 'hono-docs'), '--base-url', '/docs', '--markdown-format', 'detect'],
      ...['--out', index, '--quiet', '--no-cache'],
    ],
    {},
    { out: () => {}, err: () => {}, isTerminal: false },
  );
}
if (parts.has('server')) {
  console.error('answer service…');
  const server = await measureServer(index, { streams: options.streams });
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
}

if (parts.has('typeahead')) {
  const size = options.quick ? 1_000 : 100_000;
  const label = options.quick ? '1k' : '100k';
  console.error(`search as you type at ${label} chunks…`);
  const typeahead = await measureTypeahead(size);
  results.typeahead = typeahead;
  row(
    `search.typeahead.${label}`,
    `p50 ${typeahead.p50Ms} ms, p95 ${typeahead.p95Ms} ms`,
    `server time per keystroke (GET /api/search), ${typeahead.keystrokes} keystrokes; a typo: p50 ${typeahead.typoP50Ms} ms (store: ${typeahead.typoOnStoreP50Ms} ms, ${typeahead.typoOffP50Ms} ms with typo tolerance off)`,
  );
}

if (parts.has('widget') && !options.quick) {
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
report.print();
if (options.json)
  await report.write(
    options.json,
    options.partial ? [...parts] : null,
    options.sizes ? [...options.sizes] : null,
  );
