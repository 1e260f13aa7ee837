// `pnpm run eval -- --docs <dir> --questions <file.jsonl> [--base-url <url>] [--json <out.json>] [--server <url>]
//                   [--threshold <0..1>] [--calibrate] [--verbose]`
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { EvalQuestion } from './src/eval-question.js';
import { runEvaluation } from './src/run-evaluation.js';
import { calibrateThreshold, summarize } from './src/summarize.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((argument) => argument !== '--'),
  options: {
    docs: { type: 'string' },
    questions: { type: 'string' },
    'base-url': { type: 'string' },
    json: { type: 'string' },
    server: { type: 'string' },
    threshold: { type: 'string' },
    calibrate: { type: 'boolean' },
    'max-tokens': { type: 'string' },
    verbose: { type: 'boolean' },
  },
});
if (!values.docs || !values.questions) {
  console.error(
    'Usage: pnpm run eval -- --docs <dir> --questions <file.jsonl> [--base-url <url>] [--json <out.json>] [--server <url>]',
  );
  console.error(
    'Example: pnpm run eval -- --docs eval/corpora/hono-docs --questions eval/questions/hono.jsonl',
  );
  process.exit(1);
}
const questions = (await readFile(values.questions, 'utf8'))
  .split('\n')
  .filter((line) => line.trim())
  .map((line, index) => {
    try {
      return JSON.parse(line) as EvalQuestion;
    } catch {
      console.error(`${values.questions}:${index + 1}: not valid JSON`);
      return process.exit(1);
    }
  });
const results = await runEvaluation({
  docs: values.docs,
  questions,
  ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
  ...(values.server ? { server: values.server } : {}),
  ...(values.threshold ? { declineThreshold: Number(values.threshold) } : {}),
  ...(values['max-tokens'] ? { maxTokens: Number(values['max-tokens']) } : {}),
});
const report = summarize(results);
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
console.log(
  `\nDocent evaluation: ${report.n} questions on ${values.docs}${values.server ? ` (service at ${values.server})` : ''}\n`,
);
console.log('kind           n   recall@5  (lunr)    MRR@10   (lunr)');
for (const [kind, figures] of Object.entries(report.retrieval.byKind)) {
  const base = report.baseline.byKind[kind]!;
  console.log(
    `${kind.padEnd(13)} ${String(figures.n).padStart(2)}   ${pct(figures.recallAt5).padStart(6)}   ${pct(base.recallAt5).padStart(6)}    ${figures.mrrAt10.toFixed(3)}    ${base.mrrAt10.toFixed(3)}`,
  );
}
console.log(
  `${'all'.padEnd(13)} ${String(results.length - results.filter((r) => r.kind === 'unanswerable').length).padStart(2)}   ${pct(report.retrieval.recallAt5).padStart(6)}   ${pct(report.baseline.recallAt5).padStart(6)}    ${report.retrieval.mrrAt10.toFixed(3)}    ${report.baseline.mrrAt10.toFixed(3)}`,
);
console.log(
  `\nanswers: fact recall ${pct(report.answers.factRecall)}, all facts ${pct(report.answers.strictFactRecall)}, ` +
    `declines ${pct(report.answers.declineAccuracy)} of unanswerable, false declines ${pct(report.answers.falseDeclineRate)} of the rest`,
);
console.log(
  `latency per answer: p50 ${report.latency.p50Ms.toFixed(1)} ms, p95 ${report.latency.p95Ms.toFixed(1)} ms`,
);
if (values.calibrate) {
  const best = calibrateThreshold(results);
  console.log(
    `\ncalibrated decline threshold: ${best.threshold} (declines ${pct(best.declineAccuracy)}, false declines ${pct(best.falseDeclineRate)})`,
  );
}
if (values.verbose) {
  for (const result of results.filter((r) => r.recallAt5 < 1 || r.declined !== (r.kind === 'unanswerable'))) {
    console.log(
      `\n${result.id} [${result.kind}] recall@5 ${result.recallAt5} coverage ${result.topCoverage} declined ${result.declined}\n  top: ${result.top.join(' | ')}`,
    );
  }
}
if (values.json) {
  await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${values.json}`);
}
