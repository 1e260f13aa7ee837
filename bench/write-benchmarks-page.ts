// Fills website/docs/benchmarks.md from a `pnpm bench -- --json` file and a `pnpm run eval -- --json` file:
//   tsx bench/write-benchmarks-page.ts bench-out.json eval/recorded.json
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  calibrationTable,
  type EvalOutput,
  rankingFitTable,
  rerankParagraph,
  retrievalTable,
  targetsTable,
  useSection,
} from './eval-tables.js';

const root = join(import.meta.dirname, '..');
const [benchFile, evalFile] = process.argv.slice(2).filter((argument) => argument !== '--');
if (!benchFile || !evalFile) {
  console.error('Usage: tsx bench/write-benchmarks-page.ts <bench-out.json> <eval.json>');
  process.exit(1);
}
const bench = JSON.parse(await readFile(benchFile, 'utf8'));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const evaluation = JSON.parse(await readFile(evalFile, 'utf8')) as EvalOutput;
const useFile = join(root, 'bench', 'use-embedder.json');
const useFigures = existsSync(useFile) ? JSON.parse(await readFile(useFile, 'utf8')) : null;
const rerankFile = join(root, 'bench', 'use-rerank.json');
const rerankFigures = existsSync(rerankFile) ? JSON.parse(await readFile(rerankFile, 'utf8')) : null;
const rankingFitFile = join(root, 'eval', 'ranking-fit.json');
const rankingFit = existsSync(rankingFitFile) ? JSON.parse(await readFile(rankingFitFile, 'utf8')) : null;
type StoreFigures = {
  loadMs: number;
  rssMb: number;
  p50Ms: number;
  p95Ms: number;
  fileMb: number;
  packMs?: number;
  buildMs?: number;
};
const stores = bench.search as {
  baselineRssMb: number;
  local: Record<string, StoreFigures>;
  minisearch: Record<string, StoreFigures | { skipped: string }>;
  ratios: Record<string, { loadMs: number; rssMb: number; p50Ms: number; p95Ms: number }>;
  orama?: Record<string, StoreFigures | { skipped: string }>;
  flexsearch?: Record<string, StoreFigures | { skipped: string }>;
  hybrid?: Record<
    string,
    StoreFigures & {
      dimensions: number;
      ivfLists?: number;
      overlapInt8: number;
      overlapRescored: number;
      overlapIvf?: number;
      overlapIvfByProbes?: Record<string, number>;
      cpuP50Ms?: number;
      cpuP95Ms?: number;
    }
  >;
  realVectors?: {
    model: string;
    corpora: Record<
      string,
      {
        chunks: number;
        questions: number;
        dimensions: number;
        lists: number;
        overlapInt8: number;
        overlapRescored: number;
        overlapIvf: number;
      }
    >;
  };
};
const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const storeRow = (size: string, engine: string, f: StoreFigures) =>
  `| ${size} | ${engine} | ${seconds(f.loadMs)} | ${f.rssMb} MB | ${f.p50Ms} ms | ${f.p95Ms} ms | ${f.fileMb} MB | ${seconds(f.packMs ?? f.buildMs ?? 0)} |`;
const searchTable = [
  '| chunks | engine | load | peak memory | search p50 | search p95 | index on disk | prepared in |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...Object.entries(stores.local).flatMap(([size, local]) => {
    const peerRow = (name: string, peer: StoreFigures | { skipped: string } | undefined) =>
      peer && 'skipped' in peer
        ? `| ${size} | ${name} | not measured: ${peer.skipped} | | | | | |`
        : peer
          ? storeRow(size, name, peer)
          : `| ${size} | ${name} | not measured in the recorded run | | | | | |`;
    return [
      storeRow(size, 'Docent', local),
      peerRow('MiniSearch', stores.minisearch[size]),
      ...(stores.orama ? [peerRow('Orama', stores.orama[size])] : []),
      ...(stores.flexsearch ? [peerRow('FlexSearch', stores.flexsearch[size])] : []),
    ];
  }),
  '',
  'MiniSearch ÷ Docent, the same run (how many times longer, larger or slower MiniSearch is):',
  '',
  '| chunks | load | memory | p50 | p95 |',
  '| --- | --- | --- | --- | --- |',
  ...Object.entries(stores.ratios).map(
    ([size, r]) => `| ${size} | ×${r.loadMs} | ×${r.rssMb} | ×${r.p50Ms} | ×${r.p95Ms} |`,
  ),
  '',
  `Every memory figure includes the ${stores.baselineRssMb} MB of a process that loads no index (Node, the TypeScript loader and the libraries).`,
].join('\n');
const hybridTable = stores.hybrid
  ? [
      '| chunks | dimensions | IVF lists | load | peak memory | search p50 | search p95 | CPU per search p50 / p95 | index on disk | top-10 overlap with float32: int8 scan / re-scored / served (IVF, re-scored) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...Object.entries(stores.hybrid).map(
        ([size, f]) =>
          `| ${size} | ${f.dimensions} | ${f.ivfLists ? f.ivfLists : 'none (every vector scanned)'} | ${seconds(f.loadMs)} | ${f.rssMb} MB | ${f.p50Ms} ms | ${f.p95Ms} ms | ${f.cpuP50Ms === undefined ? 'not measured' : `${f.cpuP50Ms} / ${f.cpuP95Ms} ms`} | ${f.fileMb} MB | ${f.overlapInt8} / ${f.overlapRescored} / ${f.overlapIvf ?? f.overlapRescored} |`,
      ),
      ...Object.entries(stores.hybrid)
        .filter(([, f]) => f.ivfLists && f.overlapIvfByProbes)
        .map(
          ([size, f]) =>
            `\nAt ${size}, the served overlap by lists probed (\`--ivf-probes\`): ${Object.entries(
              f.overlapIvfByProbes!,
            )
              .map(([probes, overlap]) => `${probes}: ${overlap}`)
              .join(', ')}.`,
        ),
    ].join('\n')
  : 'not measured in the recorded run';
/** The hybrid store's budget line: memory, elapsed and CPU p95, served overlap (or why there is none). */
function hybridBudget(): string {
  const f = stores.hybrid?.['100k'];
  if (!f) return 'not measured in the recorded run';
  const cpu = f.cpuP95Ms === undefined ? '' : ` (CPU time p95 ${f.cpuP95Ms} ms)`;
  return `${f.rssMb} MB, p95 ${f.p95Ms} ms${cpu}, top-10 overlap with float32 ${f.overlapIvf ?? f.overlapRescored}`;
}
const realVectorsTable = stores.realVectors
  ? [
      '| corpus | chunks | questions | IVF lists | int8 scan | int8 re-scored (served below 4,096 vectors) | IVF, 16 probes, re-scored |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...Object.entries(stores.realVectors.corpora).map(
        ([name, f]) =>
          `| ${name} | ${f.chunks} | ${f.questions} | ${f.lists} | ${f.overlapInt8} | ${f.overlapRescored} | ${f.overlapIvf} |`,
      ),
    ].join('\n')
  : 'not measured in the recorded run';
/** Parts measured after the full run (`pnpm bench -- --only … --json`), with the machine's load then. */
const updates = (
  (bench.updates ?? []) as {
    parts: string[];
    sizes?: string[];
    measuredAt: string;
    machine: { loadAverage?: number };
  }[]
)
  .map(
    (update) =>
      ` ${update.parts.join(', ')}${update.sizes ? ` (${update.sizes.join(', ')})` : ''}: measured ${update.measuredAt.slice(0, 10)}${update.machine.loadAverage === undefined ? '' : ` on the same machine shared with other work (load average ${update.machine.loadAverage} on ${bench.machine.cores} cores when it started)`}.`,
  )
  .join('');
const store100k = stores.local['100k'];
const ratio100k = stores.ratios['100k'];
const storeBudget = store100k
  ? `load ${seconds(store100k.loadMs)}, ${store100k.rssMb} MB, p95 ${store100k.p95Ms} ms${ratio100k ? `; MiniSearch loads ×${ratio100k.loadMs} slower, p50 ×${ratio100k.p50Ms}` : ''}`
  : 'not measured (--quick)';

const indexTable = [
  '| corpus | files | chunks | full index | chunks/s | no-op re-run |',
  '| --- | --- | --- | --- | --- | --- |',
  ...Object.entries(bench.indexer).map(([name, figures]) => {
    const f = figures as {
      files: number;
      chunks: number;
      ms: number;
      chunksPerSecond: number;
      noopMs: number;
    };
    return `| ${name} | ${f.files} | ${f.chunks} | ${f.ms} ms | ${f.chunksPerSecond} | ${f.noopMs} ms |`;
  }),
  '',
  'Times include opening the index file; no embedder (an embedder adds the API calls for new and changed chunks only).',
].join('\n');

const server = bench.server;
const serverTable = [
  '| what | measured |',
  '| --- | --- |',
  `| request to first \`source-url\` part | p50 ${server.firstSourceP50Ms} ms, p95 ${server.firstSourceP95Ms} ms |`,
  `| time to first token, through Docent minus asking the fake LLM directly | ${server.ttftOverheadMs} ms (direct: ${server.llmDirectTtftMs} ms) |`,
  `| extractive answers per second, 8 concurrent clients | ${Math.round(server.retrievalRps)} |`,
  `| concurrent streams against a slow fake LLM (~4 s an answer) | ${server.concurrentStreams} held, ${server.concurrentErrors} errors |`,
  `| peak memory of that server process | ${Math.round(server.peakRssMb)} MB |`,
  '',
  'The LLM is a local fake speaking the OpenAI Chat Completions stream, driven through the real `openai` SDK.',
].join('\n');

const machine = `${bench.machine.cores} cores (${bench.machine.cpu}), ${bench.machine.memoryGb} GB of memory, Node ${bench.machine.node}, measured ${bench.measuredAt.slice(0, 10)}`;
const hono = bench.indexer.hono;
const page = (await readFile(join(root, 'bench', 'benchmarks-page.template.md'), 'utf8'))
  .replace('__MACHINE__', machine)
  .replace('__UPDATES__', updates ? ` Measured later with \`pnpm bench -- --only\`:${updates}` : '')
  .replace('__WIDGET_INITIAL__', bench.widget ? kb(bench.widget.initialGzipBytes) : 'not measured (--quick)')
  .replace('__WIDGET_PANEL__', bench.widget ? kb(bench.widget.panelGzipBytes) : 'not measured (--quick)')
  .replace('__FIRST_SOURCE__', `p50 ${server.firstSourceP50Ms} ms (p95 ${server.firstSourceP95Ms} ms)`)
  .replace('__TTFT__', `${server.ttftOverheadMs} ms`)
  .replace('__STORE_100K__', storeBudget)
  .replace('__HYBRID_100K__', hybridBudget())
  .replace(
    '__STREAMS__',
    `${server.concurrentStreams}, ${server.concurrentErrors} errors, ${Math.round(server.peakRssMb)} MB`,
  )
  .replace(
    '__INDEXER__',
    `${hono.files} pages in ${(hono.ms / 1000).toFixed(1)} s; no-op ${(hono.noopMs / 1000).toFixed(2)} s`,
  )
  .replace('__EVAL_TARGETS__', targetsTable(evaluation))
  .replace('__EVAL_TABLE__', retrievalTable(evaluation))
  .replace('__CALIBRATION_TABLE__', calibrationTable(evaluation))
  .replace('__RANKING_FIT_TABLE__', rankingFitTable(rankingFit))
  .replace(
    '__USE_SECTION__',
    `${useSection(useFigures, useFigures?.shipped === true)}${rerankParagraph(rerankFigures)}`,
  )
  .replace('__SEARCH_TABLE__', searchTable)
  .replace('__HYBRID_TABLE__', hybridTable)
  .replace('__REAL_VECTORS_TABLE__', realVectorsTable)
  .replace('__INDEX_TABLE__', indexTable)
  .replace('__LOCALES_TABLE__', localesTable(bench.locales))
  .replace('__SERVER_TABLE__', serverTable)
  .replace(
    '__QUESTION_LOG__',
    bench.questionLog
      ? [
          '| what | measured |',
          '| --- | --- |',
          `| handing a question to the log, in the answer (redaction included) | ${bench.questionLog.recordUs} µs |`,
          `| until it is on disk (JSONL), per question, over a burst of 20,000 | ${bench.questionLog.writtenUs} µs |`,
          `| \`report.json\` and \`index.html\` from 100,000 logged questions (over 30 days; 400 topics, 120 of them missing from the docs) | ${(bench.questionLog.report100kMs / 1000).toFixed(1)} s |`,
        ].join('\n')
      : 'not measured',
  );
await writeFile(join(root, 'website', 'docs', 'benchmarks.md'), page);

/** Index time and search latency per locale (`locales` in the bench JSON), or why there are none. */
function localesTable(
  locales:
    | Record<
        string,
        {
          indexMs: number;
          chunks: number;
          chunksPerSecond: number;
          searchP50Ms: number;
          searchP95Ms: number;
          questions: number;
        }
      >
    | undefined,
): string {
  if (!locales) return 'not measured in the recorded run (it predates the per-locale benchmark)';
  return [
    '| locale | chunks | index (median of 3) | chunks/s | search p50 | search p95 | questions |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...Object.entries(locales).map(
      ([locale, f]) =>
        `| ${locale} | ${f.chunks} | ${f.indexMs} ms | ${f.chunksPerSecond} | ${f.searchP50Ms} ms | ${f.searchP95Ms} ms | ${f.questions} × 10 |`,
    ),
  ].join('\n');
}
console.log('wrote website/docs/benchmarks.md');
