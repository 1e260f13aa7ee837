import type { QuestionResult } from './run-evaluation.js';

const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
const round = (value: number) => Math.round(value * 1000) / 1000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** Version questions are reported as their own group (they are `direct` questions about an older version). */
export const kindOf = (result: QuestionResult) => (result.version ? 'version' : result.kind);

export type EvaluationReport = {
  n: number;
  retrieval: {
    recallAt5: number;
    mrrAt10: number;
    byKind: Record<string, { n: number; recallAt5: number; mrrAt10: number }>;
  };
  answers: {
    factRecall: number;
    strictFactRecall: number;
    declineAccuracy: number;
    falseDeclineRate: number;
    /**
     * Of the sections the answers to answerable questions cite, the share on a page the question expects
     * (how much of what is quoted is on topic; fact recall alone rewards quoting more).
     */
    citedOnExpected?: number;
    /** Median length of the answers given (not declined) to answerable questions, in characters. */
    medianAnswerCharacters?: number;
  };
  latency: { p50Ms: number; p95Ms: number };
  baseline: {
    recallAt5: number;
    mrrAt10: number;
    byKind: Record<string, { n: number; recallAt5: number; mrrAt10: number }>;
  };
};

/**
 * Scores as DESIGN.md's "Evaluation set format" says: retrieval over answerable questions (overall and per
 * kind), fact recall of answers, decline accuracy on unanswerable questions and false declines on the rest.
 */
export function summarize(results: QuestionResult[]): EvaluationReport {
  const answerable = results.filter((result) => result.kind !== 'unanswerable');
  const unanswerable = results.filter((result) => result.kind === 'unanswerable');
  const byKind = (recall: (r: QuestionResult) => number, rank: (r: QuestionResult) => number) =>
    Object.fromEntries(
      [...new Set(answerable.map(kindOf))].sort().map((kind) => {
        const group = answerable.filter((result) => kindOf(result) === kind);
        return [
          kind,
          {
            n: group.length,
            recallAt5: round(mean(group.map(recall))),
            mrrAt10: round(mean(group.map(rank))),
          },
        ];
      }),
    );
  return {
    n: results.length,
    retrieval: {
      recallAt5: round(mean(answerable.map((result) => result.recallAt5))),
      mrrAt10: round(mean(answerable.map((result) => result.mrrAt10))),
      byKind: byKind(
        (result) => result.recallAt5,
        (result) => result.mrrAt10,
      ),
    },
    answers: {
      factRecall: round(mean(answerable.map((result) => result.factRecall))),
      strictFactRecall: round(mean(answerable.map((result) => (result.allFacts ? 1 : 0)))),
      declineAccuracy: round(mean(unanswerable.map((result) => (result.declined ? 1 : 0)))),
      falseDeclineRate: round(mean(answerable.map((result) => (result.declined ? 1 : 0)))),
      citedOnExpected: round(
        answerable.reduce((sum, result) => sum + result.citedOnExpected, 0) /
          Math.max(
            1,
            answerable.reduce((sum, result) => sum + result.cited, 0),
          ),
      ),
      medianAnswerCharacters: percentile(
        answerable.filter((result) => !result.declined).map((result) => result.answer.length),
        50,
      ),
    },
    latency: {
      p50Ms: round(
        percentile(
          results.map((r) => r.ms),
          50,
        ),
      ),
      p95Ms: round(
        percentile(
          results.map((r) => r.ms),
          95,
        ),
      ),
    },
    baseline: {
      recallAt5: round(mean(answerable.map((result) => result.baselineRecallAt5))),
      mrrAt10: round(mean(answerable.map((result) => result.baselineMrrAt10))),
      byKind: byKind(
        (result) => result.baselineRecallAt5,
        (result) => result.baselineMrrAt10,
      ),
    },
  };
}

/** The decline threshold (0..1, step 0.01) that best separates unanswerable from answerable questions. */
export function calibrateThreshold(results: QuestionResult[]): {
  threshold: number;
  declineAccuracy: number;
  falseDeclineRate: number;
} {
  let best = { threshold: 0, declineAccuracy: 0, falseDeclineRate: 0, score: Number.NEGATIVE_INFINITY };
  for (let step = 0; step <= 100; step++) {
    const threshold = step / 100;
    const declineAccuracy = mean(
      results.filter((r) => r.kind === 'unanswerable').map((r) => (r.topCoverage < threshold ? 1 : 0)),
    );
    const falseDeclineRate = mean(
      results.filter((r) => r.kind !== 'unanswerable').map((r) => (r.topCoverage < threshold ? 1 : 0)),
    );
    // A false decline costs a reader an answer the docs have; weigh it twice a missed decline.
    const score = declineAccuracy - 2 * falseDeclineRate;
    if (score > best.score) best = { threshold, declineAccuracy, falseDeclineRate, score };
  }
  return {
    threshold: best.threshold,
    declineAccuracy: round(best.declineAccuracy),
    falseDeclineRate: round(best.falseDeclineRate),
  };
}
