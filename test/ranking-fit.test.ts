import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_RANKING, type RankingSettings } from '@docent/retrieval';
import { describe, expect, it } from 'vitest';
import { EVAL_CORPORA, evalCorpus } from '../eval/src/eval-corpora.js';
import {
  bestSetting,
  leaveOneCorpusOutRanking,
  type RankingFit,
  type RankingScore,
  rankingGrid,
  scoreRankingGrid,
} from '../eval/src/fit-retrieval.js';
import { readQuestions } from '../eval/src/read-questions.js';

const heavier: RankingSettings = { ...DEFAULT_RANKING, headingRepeats: 2 };
const flat: RankingSettings = { ...DEFAULT_RANKING, b: 0 };
const score = (
  corpus: string,
  setting: RankingSettings,
  recallAt5: number,
  mrrAt10: number,
): RankingScore => ({
  corpus,
  setting,
  recallAt5,
  mrrAt10,
});

describe('ranking settings fitted leave-one-corpus-out', () => {
  // heavier is best on a and b, flat on c alone; the shipped setting is never best.
  const scores = [
    score('a', DEFAULT_RANKING, 0.8, 0.6),
    score('a', heavier, 0.9, 0.7),
    score('a', flat, 0.7, 0.5),
    score('b', DEFAULT_RANKING, 0.8, 0.6),
    score('b', heavier, 0.85, 0.65),
    score('b', flat, 0.6, 0.5),
    score('c', DEFAULT_RANKING, 0.8, 0.6),
    score('c', heavier, 0.7, 0.5),
    score('c', flat, 0.95, 0.9),
  ];

  it('chooses each fold on the other corpora and scores it on the held-out one', () => {
    const folds = leaveOneCorpusOutRanking(scores);
    expect(folds.map((fold) => [fold.heldOut, fold.chosen])).toEqual([
      ['a', flat], // on b and c: flat's mean (0.6+0.5+0.95+0.9)/4 beats heavier's
      ['b', flat],
      ['c', heavier],
    ]);
    expect(folds[2]!.chosenScore).toEqual({ recallAt5: 0.7, mrrAt10: 0.5 });
    expect(folds[2]!.defaultScore).toEqual({ recallAt5: 0.8, mrrAt10: 0.6 });
  });

  it('gives a tie to the shipped setting and refuses corpora it has no scores for', () => {
    const tied = [score('a', heavier, 0.8, 0.6), score('a', DEFAULT_RANKING, 0.6, 0.8)];
    expect(bestSetting(tied, ['a'])).toEqual(DEFAULT_RANKING);
    // The shipped setting written with its fields in another order is still the shipped one.
    const reordered = { headingRepeats: 1, pagePrior: 0.3, b: 0.75, k1: 1.2 };
    expect(bestSetting([score('a', heavier, 0.8, 0.6), score('a', reordered, 0.6, 0.8)], ['a'])).toEqual(
      DEFAULT_RANKING,
    );
    // Without the shipped setting among the tied, the one scored first wins.
    expect(bestSetting([score('a', flat, 0.7, 0.7), score('a', heavier, 0.6, 0.8)], ['a'])).toEqual(flat);
    expect(bestSetting([score('a', heavier, 0.6, 0.8), score('a', flat, 0.7, 0.7)], ['a'])).toEqual(heavier);
    // A repeated row counts once: the setting still needs a score on every corpus asked for.
    expect(() => bestSetting([score('a', flat, 1, 1), score('a', flat, 1, 1)], ['a', 'b'])).toThrow(
      /no setting was scored/,
    );
    expect(() => bestSetting(scores, ['a', 'z'])).toThrow(/no setting was scored on every one of a, z/);
  });

  it('scores the shipped setting on a real corpus exactly as the eval records it', async () => {
    const corpus = evalCorpus('hono');
    const recorded = JSON.parse(
      await readFile(join(import.meta.dirname, '..', 'eval', 'recorded.json'), 'utf8'),
    );
    const grid = rankingGrid({ k1: [1.2], b: [0.75], pagePrior: [0.3], headingRepeats: [0, 1] });
    expect(grid).toEqual([{ ...DEFAULT_RANKING, headingRepeats: 0 }, DEFAULT_RANKING]);
    const results = await scoreRankingGrid(corpus, await readQuestions(corpus.questions), grid);
    const shipped = results.find((result) => result.setting.headingRepeats === 1)!;
    expect(shipped.recallAt5).toBeCloseTo(recorded.corpora.hono.retrieval.recallAt5, 3);
    expect(shipped.mrrAt10).toBeCloseTo(recorded.corpora.hono.retrieval.mrrAt10, 3);
    // Without the heading weight the figures move (the field weight is a real setting, not ignored).
    const without = results.find((result) => result.setting.headingRepeats === 0)!;
    expect(without.mrrAt10).not.toBeCloseTo(shipped.mrrAt10, 3);
  });

  it('the fit on the Benchmarks page covers every eval corpus and matches the recorded eval', async () => {
    const read = async (name: string) =>
      JSON.parse(await readFile(join(import.meta.dirname, '..', 'eval', name), 'utf8'));
    const fit = (await read('ranking-fit.json')) as RankingFit;
    const recorded = await read('recorded.json');
    expect(fit.folds.map((fold) => fold.heldOut)).toEqual(EVAL_CORPORA.map((corpus) => corpus.name));
    expect(fit.shippedScores.map((entry) => entry.corpus)).toEqual(EVAL_CORPORA.map((corpus) => corpus.name));
    // Re-run `pnpm run eval -- --fit-retrieval --json eval/ranking-fit.json` when retrieval changes.
    for (const shipped of fit.shippedScores) {
      expect(shipped.setting).toEqual(DEFAULT_RANKING);
      expect(shipped.recallAt5).toBeCloseTo(recorded.corpora[shipped.corpus].retrieval.recallAt5, 3);
      expect(shipped.mrrAt10).toBeCloseTo(recorded.corpora[shipped.corpus].retrieval.mrrAt10, 3);
    }
  });
});
