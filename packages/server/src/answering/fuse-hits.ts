import { reciprocalRankFusion, type SearchHit } from '@docent/retrieval';

/**
 * Fuses the hits of several searches (the reader's words and the docs' words) with reciprocal rank fusion
 * over chunk ids, as hybrid search fuses its lexical and dense lists (Cormack et al. 2009, k = 60). Each hit
 * keeps its own score and evidence, from the first list that has it; the best `limit` are returned.
 */
export function fuseHits(lists: SearchHit[][], limit: number): SearchHit[] {
  if (lists.length === 1) return lists[0]!.slice(0, limit);
  const byId = new Map<string, SearchHit>();
  for (const list of lists) for (const hit of list) if (!byId.has(hit.chunk.id)) byId.set(hit.chunk.id, hit);
  const fused = reciprocalRankFusion(lists.map((list) => list.map((hit) => hit.chunk.id)));
  return [...fused.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([id]) => byId.get(id)!);
}
