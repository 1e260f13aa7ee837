type Figures = Record<string, unknown>;

const isRecord = (value: unknown): value is Figures =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Merges the figures of a partial bench run into those of an earlier run: objects are merged key by key
 * (so `search.hybrid.100k` replaces only itself, and `search.local` is kept), anything else (numbers,
 * strings, arrays) is replaced by the fresh value. Neither argument is changed.
 */
export function mergeFigures(previous: Figures, fresh: Figures): Figures {
  const merged: Figures = { ...previous };
  for (const [key, value] of Object.entries(fresh)) {
    const before = merged[key];
    merged[key] = isRecord(before) && isRecord(value) ? mergeFigures(before, value) : value;
  }
  return merged;
}
