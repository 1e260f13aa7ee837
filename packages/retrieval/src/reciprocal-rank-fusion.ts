/** The constant from Cormack et al. (2009), also Qdrant's default for RRF. */
export const RRF_K = 60;

/** Fuses ranked lists of ids: score(id) = sum over lists of 1 / (k + rank), rank starting at 1. */
export function reciprocalRankFusion<T>(lists: T[][], k = RRF_K): Map<T, number> {
  const fused = new Map<T, number>();
  for (const list of lists) {
    list.forEach((id, rank) => {
      fused.set(id, (fused.get(id) ?? 0) + 1 / (k + rank + 1));
    });
  }
  return fused;
}
