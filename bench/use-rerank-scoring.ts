// Pure parts of `bench/use-rerank.ts`: the weighted re-ranking of lexical candidates by sentence-vector
// cosine, and the leave-one-corpus-out choice of its weight.

/** One lexical candidate: its search score (BM25 with the page prior) and its chunk's sentence vector. */
export type RerankCandidate = { score: number; vector: number[] };

/** How the lexical score is put on a 0..1 scale before it is mixed with the cosine. */
export type LexicalNormalisation = 'max' | 'rank';

/** Cosine similarity of two vectors of equal length (0 when either is all zeros). */
export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index++) {
    dot += a[index]! * b[index]!;
    normA += a[index]! * a[index]!;
    normB += b[index]! * b[index]!;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * The candidates' positions re-sorted by `(1 - weight) * lexical + weight * cosine(query, chunk)`, where
 * `lexical` is the score divided by the best score (`max`) or `1 - rank / n` (`rank`). Candidates arrive in
 * lexical order; ties keep it, so weight 0 returns the lexical order unchanged.
 */
export function rerankOrder(
  candidates: RerankCandidate[],
  queryVector: number[],
  weight: number,
  normalisation: LexicalNormalisation = 'max',
): number[] {
  const top = candidates[0]?.score ?? 0;
  const combined = candidates.map((candidate, rank) => {
    const lexical =
      normalisation === 'rank' ? 1 - rank / candidates.length : top > 0 ? candidate.score / top : 0;
    return weight === 0 ? lexical : (1 - weight) * lexical + weight * cosine(queryVector, candidate.vector);
  });
  return candidates.map((_, index) => index).sort((a, b) => combined[b]! - combined[a]! || a - b);
}

/** A corpus's retrieval figures at one weight (as `summarize` rounds them). */
export type WeightFigures = { recallAt5: number; mrrAt10: number; paraphrase: number; multiHop: number };

/** One held-out corpus: the weight chosen on the others and its own change against weight 0. */
export type Fold = {
  heldOut: string;
  weight: number;
  base: WeightFigures;
  chosen: WeightFigures;
  /** Recall@5 or MRR@10 up and neither down. */
  gains: boolean;
};

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Leave-one-corpus-out: for each corpus, the weight with the best mean MRR@10 over the other corpora (ties:
 * the better mean recall@5, then the smaller weight), and the held-out corpus's figures at that weight.
 * `figures[corpus][weight]`; every corpus must have every weight of `weights`.
 */
export function leaveOneCorpusOut(
  figures: Record<string, Record<string, WeightFigures>>,
  weights: number[],
): Fold[] {
  const corpora = Object.keys(figures);
  return corpora.map((heldOut) => {
    const others = corpora.filter((corpus) => corpus !== heldOut);
    let best = weights[0]!;
    let bestKey = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const weight of weights) {
      const key = [
        mean(others.map((corpus) => figures[corpus]![String(weight)]!.mrrAt10)),
        mean(others.map((corpus) => figures[corpus]![String(weight)]!.recallAt5)),
      ];
      if (
        key[0]! > bestKey[0]! + 1e-9 ||
        (Math.abs(key[0]! - bestKey[0]!) <= 1e-9 && key[1]! > bestKey[1]! + 1e-9)
      ) {
        best = weight;
        bestKey = key;
      }
    }
    const base = figures[heldOut]!['0']!;
    const chosen = figures[heldOut]![String(best)]!;
    const up = chosen.recallAt5 > base.recallAt5 || chosen.mrrAt10 > base.mrrAt10;
    const down = chosen.recallAt5 < base.recallAt5 || chosen.mrrAt10 < base.mrrAt10;
    return { heldOut, weight: best, base, chosen, gains: up && !down };
  });
}
