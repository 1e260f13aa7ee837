import type { Chunk } from '@docent/protocol';
import { pagePath, type SearchFilter, type SearchHit } from '@docent/retrieval';
import { type AnswerDependencies, retrieve } from './prepare-answer.js';

/**
 * The functions behind Docent's docs tools, `search_docs` and `read_page`: one implementation, called by the
 * MCP tools (for IDE agents) and by agentic retrieval (for the answer's own model), so both search and read
 * exactly alike.
 */

export type SearchSectionsInput = {
  query: string;
  locale?: string | undefined;
  version?: string | undefined;
  /** How many distinct sections (by URL). */
  limit: number;
};

/**
 * `search_docs`: the best distinct sections (one per URL) for a query, in a locale and version (resolved as
 * for a chat request: unset means the site's default), best first, with the time it took in ms.
 */
export async function searchSections(
  answers: AnswerDependencies,
  input: SearchSectionsInput,
  signal: AbortSignal,
): Promise<{ hits: SearchHit[]; filter: SearchFilter; retrievalMs: number }> {
  const request = {
    messages: [{ role: 'user' as const, parts: [{ type: 'text' as const, text: input.query }] }],
    context: {
      ...(input.locale ? { locale: input.locale } : {}),
      ...(input.version ? { version: input.version } : {}),
    },
  };
  const { hits, filter, retrievalMs } = await retrieve(request, answers, signal, input.limit * 2);
  const seen = new Set<string>();
  const distinct = hits.filter((hit) => !seen.has(hit.chunk.url) && seen.add(hit.chunk.url));
  return { hits: distinct.slice(0, input.limit), filter, retrievalMs };
}

/** What `read_page` found: the chunks of a page (or of one section and its subsections), or why not. */
export type PageSections = { chunks: Chunk[]; anchor: string | null } | { error: string };

/**
 * `read_page`: the chunks of the page at `url` in page order, or with a `#anchor` only that section and its
 * subsections. With `scope`, a page outside that locale or version is not read (agentic retrieval stays in
 * the request's). Errors say what to do next.
 */
export async function readSections(
  answers: AnswerDependencies,
  url: string,
  scope?: SearchFilter,
): Promise<PageSections> {
  const anchor = url.includes('#') ? decodedAnchor(url.split('#')[1]!) : null;
  const path = pagePath(url);
  const chunks = (await answers.store.page(path)).filter(
    (chunk) =>
      (!scope?.locale || chunk.locale === scope.locale) &&
      (!scope?.version || chunk.version === scope.version),
  );
  if (chunks.length === 0)
    return {
      error: `No page of these docs is at ${path}. Use search_docs to find pages; their URLs work here.`,
    };
  if (!anchor) return { chunks, anchor };
  const start = chunks.findIndex((chunk) => chunk.url.endsWith(`#${anchor}`));
  if (start < 0)
    return {
      error: `The page has no section #${anchor}. Read the whole page without the anchor to see its sections.`,
    };
  const prefix = chunks[start]!.headings;
  const end = chunks.findIndex(
    (chunk, index) => index > start && !prefix.every((heading, depth) => chunk.headings[depth] === heading),
  );
  return { chunks: chunks.slice(start, end < 0 ? undefined : end), anchor };
}

/** A `#fragment` as written or percent-encoded (a malformed escape is taken as written). */
function decodedAnchor(fragment: string): string | null {
  try {
    return decodeURIComponent(fragment) || null;
  } catch {
    return fragment || null;
  }
}
