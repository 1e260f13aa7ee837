import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVAL_CORPORA } from '../eval/src/eval-corpora.js';
import { readQuestions } from '../eval/src/read-questions.js';
import { runEvaluation } from '../eval/src/run-evaluation.js';
import { type EvaluationReport, summarize } from '../eval/src/summarize.js';

const evalDir = join(import.meta.dirname, '..', 'eval');
const recorded = JSON.parse(await readFile(join(evalDir, 'recorded.json'), 'utf8')) as {
  corpora: Record<string, EvaluationReport>;
};

/**
 * The quality gate, on every corpus with questions: recall@5, MRR@10, decline accuracy and fact recall may
 * not fall more than 2 points below the figures recorded in eval/recorded.json, nor false declines rise more
 * than 2 points (update that file deliberately, with `pnpm run eval -- --calibrate --json eval/recorded.json`, when a
 * change moves them), and Docent must stay ahead of the lunr baseline.
 */
describe.each(EVAL_CORPORA)('evaluation on the $name docs', (corpus) => {
  it('holds the recorded figures within 2 points and stays ahead of lunr', async () => {
    const before = recorded.corpora[corpus.name];
    expect(before, `eval/recorded.json has no figures for ${corpus.name}`).toBeDefined();
    const questions = await readQuestions(corpus.questions);
    expect(questions.length).toBeGreaterThanOrEqual(30);
    const report = summarize(await runEvaluation({ corpus, questions }));
    expect(report.retrieval.recallAt5).toBeGreaterThanOrEqual(before!.retrieval.recallAt5 - 0.02);
    expect(report.retrieval.mrrAt10).toBeGreaterThanOrEqual(before!.retrieval.mrrAt10 - 0.02);
    expect(report.answers.declineAccuracy).toBeGreaterThanOrEqual(before!.answers.declineAccuracy - 0.02);
    expect(report.answers.falseDeclineRate).toBeLessThanOrEqual(before!.answers.falseDeclineRate + 0.02);
    expect(report.answers.factRecall).toBeGreaterThanOrEqual(before!.answers.factRecall - 0.02);
    expect(report.retrieval.recallAt5).toBeGreaterThan(report.baseline.recallAt5);
    expect(report.retrieval.mrrAt10).toBeGreaterThan(report.baseline.mrrAt10);
  });
});
