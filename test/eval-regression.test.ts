import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvalQuestion } from '../eval/src/eval-question.js';
import { runEvaluation } from '../eval/src/run-evaluation.js';
import { type EvaluationReport, summarize } from '../eval/src/summarize.js';

const evalDir = join(import.meta.dirname, '..', 'eval');

/**
 * The quality gate: the Hono evaluation set must not lose more than 2 points of recall@5 or of decline
 * accuracy against the figures recorded in eval/recorded.json (update that file deliberately, with the
 * eval's output, when a change moves them), and Docent must stay ahead of the lunr baseline.
 */
describe('evaluation on the Hono docs', () => {
  it('keeps recall@5 and decline accuracy within 2 points of the recorded figures, ahead of lunr', async () => {
    const questions = (await readFile(join(evalDir, 'questions', 'hono.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as EvalQuestion);
    expect(questions.length).toBeGreaterThanOrEqual(60);
    const recorded = JSON.parse(await readFile(join(evalDir, 'recorded.json'), 'utf8')) as EvaluationReport;
    const report = summarize(await runEvaluation({ docs: join(evalDir, 'corpora', 'hono-docs'), questions }));
    expect(report.retrieval.recallAt5).toBeGreaterThanOrEqual(recorded.retrieval.recallAt5 - 0.02);
    expect(report.answers.declineAccuracy).toBeGreaterThanOrEqual(recorded.answers.declineAccuracy - 0.02);
    expect(report.retrieval.recallAt5).toBeGreaterThan(report.baseline.recallAt5);
    expect(report.retrieval.mrrAt10).toBeGreaterThan(report.baseline.mrrAt10);
  });
});
