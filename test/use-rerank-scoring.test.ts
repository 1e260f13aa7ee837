import { describe, expect, it } from 'vitest';
import { leaveOneCorpusOut, rerankOrder, type WeightFigures } from '../bench/use-rerank-scoring.js';

// Three lexical candidates in lexical order; the third is the closest to the question's vector.
const question = [1, 0];
const candidates = [
  { score: 10, vector: [0, 1] },
  { score: 9, vector: [0.6, 0.8] },
  { score: 5, vector: [1, 0] },
];

describe('bench/use-rerank.ts re-ranking', () => {
  it('keeps the lexical order at weight 0 and follows the cosine at weight 1', () => {
    expect(rerankOrder(candidates, question, 0)).toEqual([0, 1, 2]);
    expect(rerankOrder(candidates, question, 1)).toEqual([2, 1, 0]);
  });

  it('mixes score / best score with the cosine', () => {
    // 0.6 * [1, 0.9, 0.5] + 0.4 * [0, 0.6, 1] = [0.6, 0.78, 0.7]
    expect(rerankOrder(candidates, question, 0.4)).toEqual([1, 2, 0]);
  });

  it('keeps the lexical order between equal combined scores', () => {
    const twins = [
      { score: 4, vector: [0, 1] },
      { score: 4, vector: [0, 1] },
    ];
    expect(rerankOrder(twins, question, 0.5)).toEqual([0, 1]);
  });

  it('reads the lexical side as a rank when told (1 - rank / n)', () => {
    // 0.7 * [1, 2/3, 1/3] + 0.3 * [0, 0.6, 1] = [0.7, 0.647, 0.533]
    expect(rerankOrder(candidates, question, 0.3, 'rank')).toEqual([0, 1, 2]);
    // with max: 0.7 * [1, 0.9, 0.5] + 0.3 * [0, 0.6, 1] = [0.7, 0.81, 0.65]
    expect(rerankOrder(candidates, question, 0.3, 'max')).toEqual([1, 0, 2]);
  });
});

describe('bench/use-rerank.ts leave-one-corpus-out', () => {
  const cell = (recallAt5: number, mrrAt10: number): WeightFigures => ({
    recallAt5,
    mrrAt10,
    paraphrase: 0,
    multiHop: 0,
  });
  const figures = {
    a: { '0': cell(0.8, 0.6), '0.2': cell(0.8, 0.7) },
    b: { '0': cell(0.8, 0.6), '0.2': cell(0.8, 0.7) },
    c: { '0': cell(0.8, 0.6), '0.2': cell(0.7, 0.9) },
  };

  it("chooses each fold's weight on the other corpora and judges the held-out change against weight 0", () => {
    const folds = leaveOneCorpusOut(figures, [0, 0.2]);
    expect(folds.map((fold) => [fold.heldOut, fold.weight, fold.gains])).toEqual([
      ['a', 0.2, true],
      ['b', 0.2, true],
      // MRR@10 up but recall@5 down: not a gain.
      ['c', 0.2, false],
    ]);
  });

  it('keeps weight 0 when nothing beats it on the other corpora, which is no gain', () => {
    const flat = { a: figures.a, b: { '0': cell(0.8, 0.6), '0.2': cell(0.8, 0.5) } };
    const folds = leaveOneCorpusOut(flat, [0, 0.2]);
    expect(folds.map((fold) => [fold.heldOut, fold.weight, fold.gains])).toEqual([
      ['a', 0, false],
      ['b', 0.2, false],
    ]);
  });
});
