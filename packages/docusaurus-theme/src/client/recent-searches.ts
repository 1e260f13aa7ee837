/** Where the reader's recent searches are kept (per site: localStorage is per origin, the key per base URL). */
function storageKey(baseUrl: string): string {
  return `docent:recent-searches:${baseUrl}`;
}

/** The reader's recent searches, newest first; empty when storage is unavailable or holds something else. */
export function readRecentSearches(baseUrl: string): string[] {
  try {
    const value = JSON.parse(window.localStorage.getItem(storageKey(baseUrl)) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Puts `query` first in the recent searches, keeping at most `max` (a repeated query moves up, never twice);
 * `max` 0 keeps none. Returns the new list.
 */
export function rememberSearch(baseUrl: string, query: string, max: number): string[] {
  const trimmed = query.trim();
  const list = [trimmed, ...readRecentSearches(baseUrl).filter((item) => item !== trimmed)]
    .filter(Boolean)
    .slice(0, max);
  writeRecentSearches(baseUrl, list);
  return list;
}

/** Forgets every recent search (the "Clear" button). */
export function clearRecentSearches(baseUrl: string): void {
  writeRecentSearches(baseUrl, []);
}

function writeRecentSearches(baseUrl: string, list: string[]): void {
  try {
    if (list.length === 0) window.localStorage.removeItem(storageKey(baseUrl));
    else window.localStorage.setItem(storageKey(baseUrl), JSON.stringify(list));
  } catch {
    // Storage full or disabled: search still works, it just is not remembered.
  }
}
