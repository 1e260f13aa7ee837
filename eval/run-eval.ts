// `pnpm run eval` (every corpus) or `pnpm run eval -- --corpus pnpm`; `--help` lists the options.
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CalibrationSample,
  fitAnswerabilityModel,
  leaveOneCorpusOut,
  modelSource,
} from './src/calibrate-answerability.js';
import { EVAL_CORPORA, evalCorpus } from './src/eval-corpora.js';
import { type EvalOutput, macroAverage } from './src/eval-output.js';
import {
  RANKING_GRID,
  type RankingScore,
  rankingFit,
  rankingGrid,
  scoreRankingGrid,
} from './src/fit-retrieval.js';
import type { LlmMode } from './src/llm-evaluation.js';
import {
  printCalibration,
  printCorpusReport,
  printMacroAverage,
  printRankingFit,
} from './src/print-report.js';
import { printTypeahead } from './src/print-typeahead.js';
import { readQuestions } from './src/read-questions.js';
import { runEvaluation } from './src/run-evaluation.js';
import { runLlmEval } from './src/run-llm-eval.js';
import { type EvaluationReport, summarize } from './src/summarize.js';
import type { TypeaheadReport } from './src/typeahead-evaluation.js';

const USAGE = `Usage: pnpm run eval [-- options]

Indexes every evaluation corpus, asks its questions through the answer service's own pipeline and prints
one table per corpus and the macro average over corpora.

Options:
  --corpus <name>       run one corpus (${EVAL_CORPORA.map((corpus) => corpus.name).join(', ')}); repeatable
  --json <file>         write every corpus's report and the macro average as JSON (with --fit-retrieval:
                        the folds and the figures the Benchmarks page shows)
  --threshold <0..1>    try another decline threshold
  --max-tokens <n>      try another chunk size
  --server <url>        ask a running service instead of an in-process one
  --calibrate           fit the decline model leave-one-corpus-out and print every fold (needs every corpus)
  --write               with --calibrate: write the model fitted on every corpus to the server
  --fit-retrieval       score every ranking setting (BM25 k1 and b, page prior, heading weight) on every
                        corpus and choose them leave-one-corpus-out; prints every fold (minutes)
  --verbose             list the questions that missed (read them across every corpus, not one)

With a language model (any OpenAI-compatible API; the key from DOCENT_LLM_API_KEY or OPENAI_API_KEY):
  --llm-base-url <url>  the API, e.g. http://localhost:11434/v1 (Ollama)
  --llm-model <name>    answer every question with this model, end to end, single retrieval and agentic
  --llm-modes <list>    single, agentic or both (default single,agentic)
  --steps <n>           agentic steps (default 3)
  --concurrency <n>     answers at once (default 4)
  --limit <n>           the first n questions of each corpus only
  --price-per-million-tokens <n>  for the cost estimate printed before the run starts
  -h, --help            this text`;

let values: ReturnType<typeof parse>['values'];
function parse() {
  return parseArgs({
    args: process.argv.slice(2).filter((argument) => argument !== '--'),
    options: {
      corpus: { type: 'string', multiple: true },
      json: { type: 'string' },
      server: { type: 'string' },
      threshold: { type: 'string' },
      'max-tokens': { type: 'string' },
      verbose: { type: 'boolean' },
      calibrate: { type: 'boolean' },
      'fit-retrieval': { type: 'boolean' },
      write: { type: 'boolean' },
      'llm-base-url': { type: 'string' },
      'llm-model': { type: 'string' },
      'llm-modes': { type: 'string' },
      steps: { type: 'string' },
      concurrency: { type: 'string' },
      limit: { type: 'string' },
      'price-per-million-tokens': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
try {
  ({ values } = parse());
} catch (error) {
  console.error(`eval: ${(error as Error).message}. Run \`pnpm run eval -- --help\` for the options.`);
  process.exit(1);
}
const fitConflicts = ['corpus', 'server', 'calibrate', 'threshold', 'max-tokens', 'verbose', 'llm-model'];
if (
  values['fit-retrieval'] &&
  fitConflicts.some((name) => values[name as keyof typeof values] !== undefined)
) {
  console.error(
    `eval: --fit-retrieval fits on every corpus in-process with the default chunks and decline model; leave out ${fitConflicts.map((name) => `--${name}`).join(', ')}.`,
  );
  process.exit(1);
}
if (values.write && !values.calibrate) {
  console.error('eval: --write goes with --calibrate.');
  process.exit(1);
}
if (values.calibrate && (values.corpus || values.server)) {
  console.error('eval: --calibrate fits on every corpus in-process; leave out --corpus and --server.');
  process.exit(1);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
let corpora: typeof EVAL_CORPORA;
try {
  corpora = values.corpus ? values.corpus.map(evalCorpus) : EVAL_CORPORA;
} catch (error) {
  console.error(`eval: ${(error as Error).message}`);
  process.exit(1);
}
const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
  console.error(`eval: --threshold takes a number from 0 to 1, not "${values.threshold}".`);
  process.exit(1);
}

if (values['llm-model']) {
  const whole = (name: string, fallback: number, least = 1) => {
    const raw = values[name as keyof typeof values] as string | undefined;
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < least) {
      console.error(`eval: --${name} takes a whole number of ${least} or more, not "${raw}".`);
      process.exit(1);
    }
    return value;
  };
  const baseURL = values['llm-base-url'] ?? process.env.OPENAI_BASE_URL;
  if (!baseURL) {
    console.error('eval: --llm-model needs --llm-base-url (e.g. http://localhost:11434/v1 for Ollama).');
    process.exit(1);
  }
  const modes = (values['llm-modes'] ?? 'single,agentic').split(',').map((mode) => mode.trim());
  if (modes.some((mode) => mode !== 'single' && mode !== 'agentic')) {
    console.error(`eval: --llm-modes takes single, agentic or both, not "${values['llm-modes']}".`);
    process.exit(1);
  }
  const price = values['price-per-million-tokens'];
  if (price !== undefined && !(Number(price) >= 0)) {
    console.error(`eval: --price-per-million-tokens takes a number such as 0.15, not "${price}".`);
    process.exit(1);
  }
  const apiKey = process.env.DOCENT_LLM_API_KEY ?? process.env.OPENAI_API_KEY;
  const summaries = await runLlmEval({
    corpora,
    llm: { baseURL, model: values['llm-model'], ...(apiKey ? { apiKey } : {}) },
    modes: modes as LlmMode[],
    concurrency: whole('concurrency', 4),
    steps: whole('steps', 3),
    ...(values.limit ? { limit: whole('limit', 0) } : {}),
    ...(price !== undefined ? { price: Number(price) } : {}),
    print: (line) => console.log(line),
  });
  if (values.json) await writeFile(values.json, `${JSON.stringify({ llm: summaries }, null, 2)}\n`);
  process.exit(0);
}

if (values['fit-retrieval']) {
  const grid = rankingGrid(RANKING_GRID);
  const scores: RankingScore[] = [];
  for (const corpus of corpora) {
    const started = performance.now();
    scores.push(...(await scoreRankingGrid(corpus, await readQuestions(corpus.questions), grid)));
    console.log(
      `${corpus.name}: ${grid.length} settings in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  const fit = rankingFit(scores, RANKING_GRID);
  printRankingFit(fit);
  if (values.json) {
    await writeFile(values.json, `${JSON.stringify(fit, null, 2)}\n`);
    console.log(`\nwrote ${values.json}`);
  }
  process.exit(0);
}

const reports: Record<string, EvaluationReport> = {};
const typeahead: Record<string, TypeaheadReport> = {};
const samples: CalibrationSample[] = [];
for (const corpus of corpora) {
  const questions = await readQuestions(corpus.questions);
  const results = await runEvaluation({
    corpus,
    questions,
    ...(values.server ? { server: values.server } : {}),
    ...(threshold !== undefined ? { config: { declineThreshold: threshold } } : {}),
    ...(values['max-tokens'] ? { maxTokens: Number(values['max-tokens']) } : {}),
    onTypeahead: (report) => {
      typeahead[corpus.name] = report;
    },
  });
  for (const result of results)
    if (result.evidence)
      samples.push({
        corpus: corpus.name,
        evidence: result.evidence,
        answerable: result.kind !== 'unanswerable',
      });
  const report = summarize(results);
  reports[corpus.name] = report;
  printCorpusReport(corpus, report, values.verbose ? results : []);
}
const macro = macroAverage(reports);
printMacroAverage(reports, macro);
printTypeahead(typeahead);
let calibration: EvalOutput['calibration'];
if (values.calibrate) {
  const folds = leaveOneCorpusOut(samples);
  const model = fitAnswerabilityModel(samples);
  calibration = { folds, model };
  printCalibration(folds, model);
  if (values.write) {
    const target = join(
      import.meta.dirname,
      '..',
      'packages',
      'server',
      'src',
      'answering',
      'answerability-model.ts',
    );
    await writeFile(target, modelSource(model));
    // Leave it as the project's formatter writes it, so `biome check` (part of the tests) stays clean.
    spawnSync('pnpm', ['exec', 'biome', 'format', '--write', target], { stdio: 'ignore' });
    console.log(`wrote ${target}; run the eval again to see its figures`);
  }
}
if (values.json) {
  await writeFile(
    values.json,
    `${JSON.stringify({ corpora: reports, macro, typeahead, ...(calibration ? { calibration } : {}) } satisfies EvalOutput, null, 2)}\n`,
  );
  console.log(`\nwrote ${values.json}`);
}
