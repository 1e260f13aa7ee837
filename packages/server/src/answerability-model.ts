// Written by `pnpm run eval -- --calibrate --write`: a logistic model fitted on every eval corpus at once
// (each corpus weighted alike, answerable and unanswerable balanced within each), and the highest threshold
// that keeps false declines at or under 5% on every corpus it was fitted on. Leave-one-corpus-out
// figures for this procedure are on the Benchmarks page.
export const ANSWERABILITY_MODEL = {
  fittedOn: ['hono', 'pnpm', 'redux'],
  bias: 0.164,
  weights: {
    coverage: 0.912,
    absentRarity: -1.394,
    absentShare: -0.676,
  },
  threshold: 0.35,
};
