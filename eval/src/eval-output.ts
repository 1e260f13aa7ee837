import type { AnswerabilityModel } from '@docent/server';
import type { CalibrationFold } from './calibrate-answerability.js';
import type { EvaluationReport } from './summarize.js';
import type { TypeaheadReport } from './typeahead-evaluation.js';

/** The mean of each headline figure over corpora. */
export type MacroAverage = {
  recallAt5: number;
  paraphrase: number;
  multiHop: number;
  followUp: number;
  mrrAt10: number;
  declined: number;
  falseDeclines: number;
  factRecall: number;
  /** Of the sections answers cite, the share on a page the question expects (where measured). */
  citedOnExpected: number;
};

/** What `pnpm run eval -- --json <file>` writes (and the Benchmarks page is generated from). */
export type EvalOutput = {
  corpora: Record<string, EvaluationReport>;
  macro: MacroAverage;
  calibration?: { folds: CalibrationFold[]; model: AnswerabilityModel };
  /** Search as you type per corpus (see `typeahead-evaluation.ts`). */
  typeahead?: Record<string, TypeaheadReport>;
};

/** The mean of each headline figure over corpora (every corpus counts the same, whatever its size). */
export function macroAverage(reports: Record<string, EvaluationReport>): MacroAverage {
  const all = Object.values(reports);
  const mean = (pick: (report: EvaluationReport) => number | undefined) => {
    const values = all.map(pick).filter((value): value is number => value !== undefined);
    return values.length === 0
      ? 0
      : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000;
  };
  return {
    recallAt5: mean((r) => r.retrieval.recallAt5),
    paraphrase: mean((r) => r.retrieval.byKind.paraphrase?.recallAt5),
    multiHop: mean((r) => r.retrieval.byKind['multi-hop']?.recallAt5),
    followUp: mean((r) => r.retrieval.byKind['follow-up']?.recallAt5),
    mrrAt10: mean((r) => r.retrieval.mrrAt10),
    declined: mean((r) => r.answers.declineAccuracy),
    falseDeclines: mean((r) => r.answers.falseDeclineRate),
    factRecall: mean((r) => r.answers.factRecall),
    citedOnExpected: mean((r) => r.answers.citedOnExpected),
  };
}
