import type { SearchPage, SearchSnippet } from '@docent/protocol';
import type { ReactNode } from 'react';

/** One row of the search dialog's list: a recent search, a section found, or "Ask the docs: ‹query›". */
export type SearchRow =
  | { kind: 'recent'; query: string }
  | { kind: 'result'; url: string; snippet: SearchSnippet; heading: string; page: string }
  | { kind: 'ask'; query: string };

/**
 * The dialog's rows, in list order: the recent searches when the box is empty; else every section of every
 * page found, then always "Ask the docs" with the trimmed query.
 */
export function searchRows(
  query: string,
  pages: readonly SearchPage[],
  recent: readonly string[],
): SearchRow[] {
  if (query.trim() === '') return recent.map((text) => ({ kind: 'recent', query: text }));
  const found: SearchRow[] = pages.flatMap((page) =>
    page.sections.map((section) => ({
      kind: 'result' as const,
      url: section.url,
      snippet: section.snippet,
      heading: section.heading,
      page: page.title,
    })),
  );
  return [...found, { kind: 'ask', query: query.trim() }];
}

/** A snippet as text with its matched words in `<mark>` (from offsets: the text is never parsed as HTML). */
export function MarkedSnippet({ snippet }: { snippet: SearchSnippet }): ReactNode {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [from, to] of snippet.highlights) {
    if (from < at || to > snippet.text.length) continue;
    parts.push(snippet.text.slice(at, from));
    parts.push(<mark key={from}>{snippet.text.slice(from, to)}</mark>);
    at = to;
  }
  parts.push(snippet.text.slice(at));
  return parts;
}
