import type { AnswerabilityEvidence, SearchHit } from '@docent/retrieval';
import { ANSWERABILITY_MODEL } from './answerability-model.js';

export type AnswerabilityModel = {
  fittedOn: string[];
  bias: number;
  weights: { coverage: number; absentRarity: number; absentShare: number };
  /** Below this score Docent declines. */
  threshold: number;
};

/** The evidence of a result list: the best hit's, or (for a store that gives none) its coverage alone. */
export function evidenceOf(hits: readonly SearchHit[]): AnswerabilityEvidence {
  const best = hits[0];
  if (!best) return { coverage: 0, absentRarity: 0, absentShare: 0, absentWords: [] };
  return best.evidence ?? { coverage: best.coverage, absentRarity: 0, absentShare: 0, absentWords: [] };
}

/** How likely the docs answer the question, 0..1: the calibrated logistic model over the evidence. */
export function answerabilityScore(
  evidence: AnswerabilityEvidence,
  model: AnswerabilityModel = ANSWERABILITY_MODEL,
): number {
  const z =
    model.bias +
    model.weights.coverage * evidence.coverage +
    model.weights.absentRarity * evidence.absentRarity +
    model.weights.absentShare * evidence.absentShare;
  return 1 / (1 + Math.exp(-z));
}

/** The score of a result list: 0 when nothing matched at all, else the model over the best hit's evidence. */
export function answerabilityOf(
  hits: readonly SearchHit[],
  model: AnswerabilityModel = ANSWERABILITY_MODEL,
): number {
  return hits.length === 0 ? 0 : answerabilityScore(evidenceOf(hits), model);
}
