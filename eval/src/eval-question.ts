/** One line of an evaluation set (the format DESIGN.md describes). */
export type EvalQuestion = {
  id: string;
  question: string;
  kind: 'direct' | 'paraphrase' | 'multi-hop' | 'follow-up' | 'code' | 'unanswerable';
  expected: { path: string; heading: string | null }[];
  facts: string[];
  history?: { role: 'user' | 'assistant'; content: string }[];
  /** Version questions: the docs version asked about (sent as the request context). */
  version?: string;
};

// The matching rules are the indexer's (`docent-index --check` uses them on a site owner's questions).
export { isRelevant, normalizeHeading, type RankedChunk, recallAt, reciprocalRankAt } from '@docent/indexer';
