// Written by `pnpm run eval -- --calibrate --write`: a logistic model fitted on every eval corpus at once
// (each corpus weighted alike, answerable and unanswerable balanced within each), and the highest threshold
// that keeps false declines at or under 5% on every corpus it was fitted on. Leave-one-corpus-out
// figures for this procedure are on the Benchmarks page.
export const ANSWERABILITY_MODEL = {
  fittedOn: ['hono', 'pnpm', 'pnpm-zh', 'redux', 'babel'],
  bias: 0.275,
  weights: {
    coverage: 0.799,
    absentRarity: -1.514,
    absentShare: -0.602,
  },
  threshold: 0.36,
};
