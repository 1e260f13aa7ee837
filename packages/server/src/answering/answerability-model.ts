// Written by `pnpm run eval -- --calibrate --write`: a logistic model fitted on every eval corpus at once
// (each corpus weighted alike, answerable and unanswerable balanced within each), and the highest threshold
// that keeps false declines at or under 5% on every corpus it was fitted on. Leave-one-corpus-out
// figures for this procedure are on the Benchmarks page.
export const ANSWERABILITY_MODEL = {
  fittedOn: ['hono', 'pnpm', 'pnpm-zh', 'redux'],
  bias: 0.201,
  weights: {
    coverage: 0.914,
    absentRarity: -1.492,
    absentShare: -0.643,
  },
  threshold: 0.37,
};
