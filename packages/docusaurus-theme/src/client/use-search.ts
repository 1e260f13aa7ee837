import type { SearchResult } from '@docent/protocol';
import { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { useEffect, useRef, useState } from 'react';
import { docsVersion, failureText } from './chat-storage.js';
import { useDocentConfig } from './docent-config.js';

export type SearchState = {
  /** The answer for the query shown (the last one that arrived in order), or null before any. */
  result: SearchResult | null;
  loading: boolean;
  /** What to tell the reader when the search failed (the service's own message where it has one). */
  error: string | null;
};

/**
 * Searches `GET /api/search` as the reader types: one request per change of `query`, the previous one
 * aborted, answers kept per query for the life of the page (typing back shows them at once), in the
 * reader's locale and docs version (as the chat asks).
 */
export function useSearch(query: string): SearchState {
  const config = useDocentConfig();
  const { i18n } = useDocusaurusContext();
  const endpoint = `${config.serverUrl.replace(/\/$/, '')}/api/search`;
  const cache = useRef(new Map<string, SearchResult>());
  const [state, setState] = useState<SearchState>({ result: null, loading: false, error: null });

  useEffect(() => {
    if (query.trim() === '') {
      setState({ result: null, loading: false, error: null });
      return;
    }
    const version = docsVersion();
    const parameters = new URLSearchParams({ q: query, locale: i18n.currentLocale });
    if (version) parameters.set('version', version);
    const url = `${endpoint}?${parameters}`;
    const cached = cache.current.get(url);
    if (cached) {
      setState({ result: cached, loading: false, error: null });
      return;
    }
    const abort = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    void (async () => {
      try {
        const response = await fetch(url, { signal: abort.signal });
        if (!response.ok) {
          const error = await failureText(response);
          if (!abort.signal.aborted) setState((previous) => ({ ...previous, loading: false, error }));
          return;
        }
        const result = (await response.json()) as SearchResult;
        cache.current.set(url, result);
        if (!abort.signal.aborted) setState({ result, loading: false, error: null });
      } catch {
        // The service is down or the browser refused the call (CORS, offline): say so, never an empty box.
        if (!abort.signal.aborted)
          setState((previous) => ({
            ...previous,
            loading: false,
            error: translate({
              id: 'theme.docent.error.unreachable',
              message: 'Cannot reach the assistant. Check your connection and retry.',
            }),
          }));
      }
    })();
    return () => abort.abort();
  }, [query, endpoint, i18n.currentLocale]);

  return state;
}
