import type { AnswerabilityEvidence, SearchHit } from '@docent/retrieval';
import { ANSWERABILITY_MODEL } from './answerability-model.js';

/** The evidence the decline model reads: every numeric field of `AnswerabilityEvidence`. */
export type AnswerabilityFeature = {
  [K in keyof AnswerabilityEvidence]: AnswerabilityEvidence[K] extends number ? K : never;
}[keyof AnswerabilityEvidence];

export type AnswerabilityModel = {
  fittedOn: string[];
  bias: number;
  /** One weight per feature the model reads; a feature it does not name does not count. */
  weights: Partial<Record<AnswerabilityFeature, number>>;
  /** Below this score Docent declines. */
  threshold: number;
};

const NO_EVIDENCE: AnswerabilityEvidence = {
  coverage: 0,
  absentRarity: 0,
  absentShare: 0,
  absentWords: [],
};

/** The evidence of a result list: the best hit's, or (for a store that gives none) its coverage alone. */
export function evidenceOf(hits: readonly SearchHit[]): AnswerabilityEvidence {
  const best = hits[0];
  if (!best) return NO_EVIDENCE;
  return best.evidence ?? { ...NO_EVIDENCE, coverage: best.coverage };
}

/** How likely the docs answer the question, 0..1: the calibrated logistic model over the evidence. */
export function answerabilityScore(
  evidence: AnswerabilityEvidence,
  model: AnswerabilityModel = ANSWERABILITY_MODEL,
): number {
  let z = model.bias;
  for (const [feature, weight] of Object.entries(model.weights) as [AnswerabilityFeature, number][])
    z += weight * (evidence[feature] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/** The score of a result list: 0 when nothing matched at all, else the model over the best hit's evidence. */
export function answerabilityOf(
  hits: readonly SearchHit[],
  model: AnswerabilityModel = ANSWERABILITY_MODEL,
): number {
  return hits.length === 0 ? 0 : answerabilityScore(evidenceOf(hits), model);
}
