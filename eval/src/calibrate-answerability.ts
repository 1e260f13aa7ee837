import type { AnswerabilityEvidence } from '@docent/retrieval';
import { type AnswerabilityFeature, type AnswerabilityModel, answerabilityScore } from '@docent/server';

/** One question's evidence and whether the docs answer it. */
export type CalibrationSample = { corpus: string; evidence: AnswerabilityEvidence; answerable: boolean };

/** Highest false-decline rate allowed on any corpus the threshold is chosen on. */
export const FALSE_DECLINE_TARGET = 0.05;
const L2 = 0.05;
const STEPS = 4000;
const LEARNING_RATE = 0.5;

/** What the model reads; a feature is kept only if it helps on every leave-one-corpus-out fold. */
export const FEATURES: AnswerabilityFeature[] = (
  process.env.DOCENT_ANSWERABILITY_FEATURES ?? 'coverage,absentRarity,absentShare'
).split(',') as AnswerabilityFeature[];

const features = (evidence: AnswerabilityEvidence) => FEATURES.map((feature) => evidence[feature] ?? 0);

/**
 * Logistic regression of "answerable" on the evidence, by plain gradient descent (deterministic). Each corpus
 * weighs the same, and within a corpus answerable and unanswerable questions weigh the same, so no site's
 * size or question mix decides the model.
 */
function fitWeights(samples: readonly CalibrationSample[]): number[] {
  const groupSize = new Map<string, number>();
  const group = (sample: CalibrationSample) => `${sample.corpus}\u0000${sample.answerable}`;
  for (const sample of samples) groupSize.set(group(sample), (groupSize.get(group(sample)) ?? 0) + 1);
  const weight = samples.map((sample) => 1 / groupSize.get(group(sample))!);
  const totalWeight = weight.reduce((sum, value) => sum + value, 0);
  const rows = samples.map((sample) => features(sample.evidence));
  const beta = new Array<number>(FEATURES.length + 1).fill(0);
  for (let step = 0; step < STEPS; step++) {
    const gradient = new Array<number>(FEATURES.length + 1).fill(0);
    rows.forEach((row, index) => {
      const z = beta[0]! + row.reduce((sum, value, j) => sum + beta[j + 1]! * value, 0);
      const error = (1 / (1 + Math.exp(-z)) - (samples[index]!.answerable ? 1 : 0)) * weight[index]!;
      gradient[0]! += error;
      row.forEach((value, j) => {
        gradient[j + 1]! += error * value;
      });
    });
    for (let j = 0; j < beta.length; j++)
      beta[j]! -= LEARNING_RATE * (gradient[j]! / totalWeight + (j > 0 ? L2 * beta[j]! : 0));
  }
  return beta;
}

/** Per corpus: share of unanswerable questions declined and of answerable ones declined by mistake. */
export function declineRates(
  samples: readonly CalibrationSample[],
  model: AnswerabilityModel,
): Map<string, { declined: number; falseDeclines: number }> {
  const rates = new Map<string, { declined: number; falseDeclines: number }>();
  for (const corpus of new Set(samples.map((sample) => sample.corpus))) {
    const own = samples.filter((sample) => sample.corpus === corpus);
    const declined = (sample: CalibrationSample) =>
      answerabilityScore(sample.evidence, model) < model.threshold;
    const share = (group: CalibrationSample[]) =>
      group.length === 0 ? 0 : group.filter(declined).length / group.length;
    rates.set(corpus, {
      declined: share(own.filter((sample) => !sample.answerable)),
      falseDeclines: share(own.filter((sample) => sample.answerable)),
    });
  }
  return rates;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Fits the model and picks the highest threshold (most declines) that keeps false declines at or under
 * `FALSE_DECLINE_TARGET` on every corpus fitted on.
 */
export function fitAnswerabilityModel(samples: readonly CalibrationSample[]): AnswerabilityModel {
  const [bias, ...weights] = fitWeights(samples).map(round) as [number, ...number[]];
  const model: AnswerabilityModel = {
    fittedOn: [...new Set(samples.map((sample) => sample.corpus))],
    bias,
    weights: Object.fromEntries(FEATURES.map((feature, index) => [feature, weights[index]!])),
    threshold: 0,
  };
  for (let step = 99; step >= 1; step--) {
    const candidate = { ...model, threshold: step / 100 };
    const worst = Math.max(
      ...[...declineRates(samples, candidate).values()].map((rate) => rate.falseDeclines),
    );
    if (worst <= FALSE_DECLINE_TARGET) return candidate;
  }
  return model;
}

export type CalibrationFold = {
  heldOut: string;
  model: AnswerabilityModel;
  declined: number;
  falseDeclines: number;
};

/** Leave-one-corpus-out: for each corpus, fit on all the others and score on it. */
export function leaveOneCorpusOut(samples: readonly CalibrationSample[]): CalibrationFold[] {
  const corpora = [...new Set(samples.map((sample) => sample.corpus))];
  return corpora.map((heldOut) => {
    const model = fitAnswerabilityModel(samples.filter((sample) => sample.corpus !== heldOut));
    const rates = declineRates(
      samples.filter((sample) => sample.corpus === heldOut),
      model,
    ).get(heldOut)!;
    return { heldOut, model, declined: round(rates.declined), falseDeclines: round(rates.falseDeclines) };
  });
}

/** The source of `packages/server/src/answering/answerability-model.ts` for a fitted model. */
export function modelSource(model: AnswerabilityModel): string {
  return `// Written by \`pnpm run eval -- --calibrate --write\`: a logistic model fitted on every eval corpus at once
// (each corpus weighted alike, answerable and unanswerable balanced within each), and the highest threshold
// that keeps false declines at or under ${FALSE_DECLINE_TARGET * 100}% on every corpus it was fitted on. Leave-one-corpus-out
// figures for this procedure are on the Benchmarks page.
export const ANSWERABILITY_MODEL = ${JSON.stringify(model, null, 2)
    .replace(/"(\w+)":/g, '$1:')
    .replace(/"/g, "'")};
`;
}
