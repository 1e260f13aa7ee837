import type { Analyzer } from './analyzer.js';
import { answerabilityEvidence } from './answerability.js';
import { pagePath } from './page-path.js';
import { withPagePrior } from './page-prior.js';
import { type ChunkPayload, fromPayload } from './qdrant-point.js';
import { searchableText } from './searchable-text.js';
import type { SearchHit, SearchQuery } from './store.js';

type RankedHits = {
  hits: { hit: Omit<SearchHit, 'coverage'>; terms: Set<string> }[];
  queryTerms: string[];
  analyzer: Analyzer;
};

/**
 * Qdrant's candidates ranked as the local store ranks its own: the page prior, then the boost for the
 * reader's page, best `limit` first. Each keeps its analyzed terms for coverage.
 */
export function rankCandidates(
  candidates: readonly { payload: ChunkPayload; score: number }[],
  query: SearchQuery & { limit: number },
  pageBoost: number,
  analyzer: Analyzer,
  queryTerms: readonly string[],
): RankedHits {
  const boostPath = query.boostPath ? pagePath(query.boostPath) : null;
  const prior = withPagePrior(
    candidates.map((_, index) => index),
    (index) => candidates[index]!.score,
    (index) => candidates[index]!.payload.path,
  );
  const hits = candidates
    .map((candidate, index) => {
      const chunk = fromPayload(candidate.payload);
      const onPage = boostPath !== null && candidate.payload.path === boostPath;
      return {
        hit: { chunk, score: prior.get(index)! * (onPage ? 1 + pageBoost : 1) },
        terms: new Set(analyzer.analyze(searchableText(chunk))),
      };
    })
    .sort((a, b) => b.hit.score - a.hit.score)
    .slice(0, query.limit);
  return { hits, queryTerms: [...new Set(queryTerms)], analyzer };
}

/**
 * Coverage as the local store computes it (the best three sections together for the top hit, each hit's
 * own for the rest), but with every term weighted alike: Qdrant applies idf server-side and does not return
 * it. The best hit carries the answerability evidence.
 */
export function withEvidence(
  ranked: RankedHits,
  question: string,
  present: (term: string) => boolean,
): SearchHit[] {
  const { hits, queryTerms, analyzer } = ranked;
  const share = (sets: Set<string>[]) =>
    queryTerms.length === 0
      ? 0
      : queryTerms.filter((term) => sets.some((set) => set.has(term))).length / queryTerms.length;
  const coverage = share(hits.slice(0, 3).map((candidate) => candidate.terms));
  const evidence = answerabilityEvidence(question, coverage, present, {
    analyzer,
    bestSections: hits
      .slice(0, 3)
      .map(({ hit }) => hit.chunk.text)
      .join('\n'),
  });
  return hits.map(({ hit, terms }, rank) => ({
    ...hit,
    coverage: rank === 0 ? coverage : share([terms]),
    ...(rank === 0 ? { evidence } : {}),
  }));
}
