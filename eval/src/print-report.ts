import { DEFAULT_RANKING, type RankingSettings } from '@docent/retrieval';
import type { AnswerabilityModel } from '@docent/server';
import type { CalibrationFold } from './calibrate-answerability.js';
import type { EvalCorpus } from './eval-corpora.js';
import type { MacroAverage } from './eval-output.js';
import type { RankingFold } from './fit-retrieval.js';
import type { QuestionResult } from './run-evaluation.js';
import type { EvaluationReport } from './summarize.js';

const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(6);

/** One corpus's table: retrieval by kind against lunr, then the answers. */
export function printCorpusReport(
  corpus: EvalCorpus,
  report: EvaluationReport,
  misses: readonly QuestionResult[],
): void {
  console.log(
    `\n${corpus.name}: ${report.n} questions (written by ${corpus.questionsBy === 'team' ? 'the team' : 'people outside the team'})\n`,
  );
  console.log('kind            n   recall@5  (lunr)    MRR@10   (lunr)');
  const rows = Object.entries(report.retrieval.byKind);
  for (const [kind, figures] of rows) {
    const base = report.baseline.byKind[kind]!;
    console.log(
      `${kind.padEnd(14)} ${String(figures.n).padStart(2)}   ${pct(figures.recallAt5)}   ${pct(base.recallAt5)}    ${figures.mrrAt10.toFixed(3)}    ${base.mrrAt10.toFixed(3)}`,
    );
  }
  const answerable = rows.reduce((sum, [, figures]) => sum + figures.n, 0);
  console.log(
    `${'all'.padEnd(14)} ${String(answerable).padStart(2)}   ${pct(report.retrieval.recallAt5)}   ${pct(report.baseline.recallAt5)}    ${report.retrieval.mrrAt10.toFixed(3)}    ${report.baseline.mrrAt10.toFixed(3)}`,
  );
  console.log(
    `answers: fact recall ${pct(report.answers.factRecall).trim()}, unanswerable declined ${pct(report.answers.declineAccuracy).trim()}, ` +
      `answerable declined ${pct(report.answers.falseDeclineRate).trim()}; ` +
      `cited sections on an expected page ${pct(report.answers.citedOnExpected ?? 0).trim()}, ` +
      `median answer ${report.answers.medianAnswerCharacters ?? 0} characters; p50 ${report.latency.p50Ms.toFixed(1)} ms per answer`,
  );
  for (const result of misses) {
    const wrongDecline = result.declined !== (result.kind === 'unanswerable');
    if (result.recallAt5 === 1 && !wrongDecline && result.factRecall === 1) continue;
    console.log(
      `  ${result.id} [${result.kind}] recall@5 ${result.recallAt5} facts ${result.factRecall.toFixed(2)} score ${result.topCoverage.toFixed(2)}${result.declined ? ' DECLINED' : ''}\n    top: ${result.top.join(' | ')}`,
    );
  }
}

/** The per-corpus headline figures and their macro average. */
export function printMacroAverage(reports: Record<string, EvaluationReport>, macro: MacroAverage): void {
  const names = Object.keys(reports);
  console.log(`\nper corpus and macro average (${names.join(', ')})\n`);
  const header = [
    'corpus',
    'recall@5',
    'paraphr',
    'multihop',
    'followup',
    'MRR@10',
    'declined',
    'falseDec',
    'facts',
    'cited ok',
  ];
  console.log(header.map((h) => h.padEnd(9)).join(' '));
  const row = (name: string, values: number[]) =>
    console.log([name.padEnd(9), ...values.map((value) => pct(value).padEnd(9))].join(' '));
  for (const [name, r] of Object.entries(reports)) {
    row(name, [
      r.retrieval.recallAt5,
      r.retrieval.byKind.paraphrase?.recallAt5 ?? 0,
      r.retrieval.byKind['multi-hop']?.recallAt5 ?? 0,
      r.retrieval.byKind['follow-up']?.recallAt5 ?? 0,
      r.retrieval.mrrAt10,
      r.answers.declineAccuracy,
      r.answers.falseDeclineRate,
      r.answers.factRecall,
      r.answers.citedOnExpected ?? 0,
    ]);
  }
  row('macro', [
    macro.recallAt5,
    macro.paraphrase,
    macro.multiHop,
    macro.followUp,
    macro.mrrAt10,
    macro.declined,
    macro.falseDeclines,
    macro.factRecall,
    macro.citedOnExpected,
  ]);
}

/** The leave-one-corpus-out table and the model fitted on every corpus. */
export function printCalibration(folds: readonly CalibrationFold[], model: AnswerabilityModel): void {
  console.log('\ndecline model, leave-one-corpus-out (fit on the others, scored on the held-out corpus)\n');
  console.log(
    `held out   declined  falseDec  threshold  weights (${Object.keys(model.weights).join(', ')}; bias)`,
  );
  for (const fold of folds) {
    console.log(
      `${fold.heldOut.padEnd(9)} ${pct(fold.declined)}    ${pct(fold.falseDeclines)}    ${fold.model.threshold.toFixed(2)}       ${Object.values(fold.model.weights).join(', ')}; ${fold.model.bias}`,
    );
  }
  const mean = (pick: (fold: CalibrationFold) => number) =>
    folds.reduce((sum, fold) => sum + pick(fold), 0) / Math.max(1, folds.length);
  console.log(`${'mean'.padEnd(9)} ${pct(mean((f) => f.declined))}    ${pct(mean((f) => f.falseDeclines))}`);
  console.log(
    `\nfitted on every corpus: threshold ${model.threshold}, weights ${Object.values(model.weights).join(', ')}; bias ${model.bias}`,
  );
}

/** A ranking setting as the fit's tables show it. */
export const rankingLabel = (setting: RankingSettings) =>
  `k1 ${setting.k1}, b ${setting.b}, page prior ${setting.pagePrior}, heading ×${setting.headingRepeats}`;

/** The ranking settings' leave-one-corpus-out folds and the setting best on every corpus together. */
export function printRankingFit(fit: { folds: readonly RankingFold[]; best: RankingSettings }): void {
  console.log(
    '\nranking settings, leave-one-corpus-out (chosen by the mean of (recall@5 + MRR@10) / 2 on the other corpora)\n',
  );
  console.log(`shipped: ${rankingLabel(DEFAULT_RANKING)}\n`);
  console.log(
    'held out   chosen                                          recall@5 shipped → chosen   MRR@10 shipped → chosen',
  );
  for (const fold of fit.folds) {
    console.log(
      `${fold.heldOut.padEnd(9)}  ${rankingLabel(fold.chosen).padEnd(46)}  ${pct(fold.defaultScore.recallAt5)} → ${pct(fold.chosenScore.recallAt5)}          ${pct(fold.defaultScore.mrrAt10)} → ${pct(fold.chosenScore.mrrAt10)}`,
    );
  }
  console.log(`\nbest on every corpus together: ${rankingLabel(fit.best)}`);
}
