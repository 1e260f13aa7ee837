import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chunk } from '@docent/protocol';
import { DEFAULT_RANKING, LocalStore, type RankingSettings } from '@docent/retrieval';
import { createApp, retrieve } from '@docent/server';
import type { EvalCorpus } from './eval-corpora.js';
import { type EvalQuestion, recallAt, reciprocalRankAt } from './eval-question.js';
import { indexCorpus } from './index-corpus.js';
import { corpusPaths, questionRequest } from './question-request.js';

export type RankingGrid = { [K in keyof RankingSettings]: readonly number[] };

/** The values tried for each fitted ranking setting (the shipped default is among them). */
export const RANKING_GRID: RankingGrid = {
  k1: [0.9, 1.2, 1.5, 2],
  b: [0.5, 0.6, 0.75, 0.9],
  pagePrior: [0, 0.15, 0.3, 0.45, 0.6],
  headingRepeats: [0, 1, 2, 3],
};

/** Every combination of `RANKING_GRID`'s values (320). */
export function rankingGrid(grid: RankingGrid = RANKING_GRID): RankingSettings[] {
  const settings: RankingSettings[] = [];
  for (const headingRepeats of grid.headingRepeats)
    for (const k1 of grid.k1)
      for (const b of grid.b)
        for (const pagePrior of grid.pagePrior) settings.push({ k1, b, pagePrior, headingRepeats });
  return settings;
}

/** One corpus's retrieval figures (answerable questions) with one setting. */
export type RankingScore = {
  corpus: string;
  setting: RankingSettings;
  recallAt5: number;
  mrrAt10: number;
};

/** One leave-one-corpus-out fold: the setting chosen on the other corpora, scored on the held-out one. */
export type RankingFold = {
  heldOut: string;
  chosen: RankingSettings;
  /** The held-out corpus's figures with the chosen setting and with the shipped default. */
  chosenScore: { recallAt5: number; mrrAt10: number };
  defaultScore: { recallAt5: number; mrrAt10: number };
};

/** What `pnpm run eval -- --fit-retrieval --json <file>` writes (the Benchmarks page reads `eval/ranking-fit.json`). */
export type RankingFit = {
  grid: RankingGrid;
  folds: RankingFold[];
  /** The setting the same rule chooses on every corpus together, and every corpus's figures with it and with the shipped one. */
  best: RankingSettings;
  bestScores: RankingScore[];
  shippedScores: RankingScore[];
};

/**
 * Folds, the best setting on every corpus and the figures the Benchmarks page shows, from every score of
 * `grid` (the grid the scores were measured on, recorded with them).
 */
export function rankingFit(scores: readonly RankingScore[], grid: RankingGrid = RANKING_GRID): RankingFit {
  const corpora = [...new Set(scores.map((score) => score.corpus))];
  const best = bestSetting(scores, corpora);
  return {
    grid,
    folds: leaveOneCorpusOutRanking(scores),
    best,
    bestScores: scores.filter((score) => sameSetting(score.setting, best)),
    shippedScores: scores.filter((score) => sameSetting(score.setting, DEFAULT_RANKING)),
  };
}

/** A setting's identity, whatever the order its fields were written in. */
const settingKey = (setting: RankingSettings) =>
  `${setting.k1}/${setting.b}/${setting.pagePrior}/${setting.headingRepeats}`;

export const sameSetting = (a: RankingSettings, b: RankingSettings) => settingKey(a) === settingKey(b);

/** What a setting is chosen by: the mean over corpora of (recall@5 + MRR@10) / 2, every corpus counting the same. */
const objective = (scores: readonly RankingScore[]) =>
  scores.reduce((sum, score) => sum + (score.recallAt5 + score.mrrAt10) / 2, 0) / Math.max(1, scores.length);

/**
 * The setting with the best objective over `corpora` (a tie goes to the shipped default, then to the
 * earlier setting in the grid, so the choice is deterministic). Throws when no setting was scored on them.
 */
export function bestSetting(scores: readonly RankingScore[], corpora: readonly string[]): RankingSettings {
  // One score per corpus and setting (a repeated row counts once), in the order the grid was scored.
  const bySetting = new Map<string, { setting: RankingSettings; scores: Map<string, RankingScore> }>();
  for (const score of scores) {
    if (!corpora.includes(score.corpus)) continue;
    const key = settingKey(score.setting);
    const entry = bySetting.get(key) ?? { setting: score.setting, scores: new Map() };
    if (!entry.scores.has(score.corpus)) entry.scores.set(score.corpus, score);
    bySetting.set(key, entry);
  }
  const wanted = new Set(corpora).size;
  let best: { setting: RankingSettings; value: number } | null = null;
  for (const { setting, scores: scored } of bySetting.values()) {
    if (scored.size !== wanted) continue;
    const value = objective([...scored.values()]);
    const better =
      best === null ||
      value > best.value + 1e-12 ||
      (Math.abs(value - best.value) <= 1e-12 && sameSetting(setting, DEFAULT_RANKING));
    if (better) best = { setting, value };
  }
  if (!best) throw new Error(`no setting was scored on every one of ${corpora.join(', ')}`);
  return best.setting;
}

/** Leave-one-corpus-out over the corpora in `scores`: each fold chooses on the others and scores on its own. */
export function leaveOneCorpusOutRanking(scores: readonly RankingScore[]): RankingFold[] {
  const corpora = [...new Set(scores.map((score) => score.corpus))];
  const on = (corpus: string, setting: RankingSettings) => {
    const found = scores.find((score) => score.corpus === corpus && sameSetting(score.setting, setting));
    if (!found) throw new Error(`${corpus} was not scored with ${JSON.stringify(setting)}`);
    return { recallAt5: found.recallAt5, mrrAt10: found.mrrAt10 };
  };
  return corpora.map((heldOut) => {
    const chosen = bestSetting(
      scores,
      corpora.filter((corpus) => corpus !== heldOut),
    );
    return { heldOut, chosen, chosenScore: on(heldOut, chosen), defaultScore: on(heldOut, DEFAULT_RANKING) };
  });
}

/**
 * Scores every setting of `grid` on one corpus: indexes it once per `headingRepeats` value (an index-time
 * setting), opens that index once per search-time setting, and asks every answerable question through the
 * service's own retrieval (follow-ups with their history), as `pnpm run eval` does. Minutes for the full
 * grid on the five eval corpora (2 cores).
 */
export async function scoreRankingGrid(
  corpus: EvalCorpus,
  questions: readonly EvalQuestion[],
  grid: readonly RankingSettings[],
): Promise<RankingScore[]> {
  const answerable = questions.filter((question) => question.kind !== 'unanswerable');
  const scored = corpusPaths(corpus);
  const results: RankingScore[] = [];
  const folder = await mkdtemp(join(tmpdir(), 'docent-fit-'));
  try {
    for (const headingRepeats of [...new Set(grid.map((setting) => setting.headingRepeats))]) {
      const path = join(folder, `${headingRepeats}`);
      await mkdir(path);
      const { store: written } = await indexCorpus(corpus, path, { ranking: { headingRepeats } });
      await written.close();
      for (const setting of grid.filter((candidate) => candidate.headingRepeats === headingRepeats)) {
        const store = await LocalStore.open({ path: join(path, 'eval.docent'), ranking: setting });
        const app = createApp({ store, config: { rateLimit: null }, log: () => {} });
        let recall = 0;
        let reciprocal = 0;
        for (const [position, question] of answerable.entries()) {
          const request = questionRequest(app, corpus, question, `fit-${position}`);
          const { hits } = await retrieve(request, app.answers, AbortSignal.timeout(10_000));
          const ranked = hits.map((hit) => scored(hit.chunk as Chunk));
          recall += recallAt(question, ranked, 5);
          reciprocal += reciprocalRankAt(question, ranked, 10);
        }
        await store.close();
        const n = Math.max(1, answerable.length);
        results.push({ corpus: corpus.name, setting, recallAt5: recall / n, mrrAt10: reciprocal / n });
      }
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return results;
}
