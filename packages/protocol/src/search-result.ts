import { z } from 'zod';

/** A passage of a section with the words that matched marked by `[start, end)` UTF-16 offsets (never HTML). */
export const searchSnippetSchema = z.object({
  text: z.string(),
  highlights: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])),
});

/** One section found as the reader types: its heading, breadcrumb and `page#anchor` link. */
export const searchSectionSchema = z.object({
  /** The section's own heading (the page title for the page's top). */
  heading: z.string(),
  /** Heading texts from the page title down to the section's own heading. */
  breadcrumb: z.array(z.string()),
  /** The section's link (`/docs/page#anchor`), under the one link policy (`siteLink`). */
  url: z.string(),
  snippet: searchSnippetSchema,
});

/** The sections of one page that matched, best first. */
export const searchPageSchema = z.object({
  title: z.string(),
  /** The page's link, without an anchor. */
  url: z.string(),
  version: z.string(),
  sections: z.array(searchSectionSchema).min(1),
});

/**
 * The answer of `GET /api/search?q=…&locale=…&version=…`: pages (best first), each with its matching
 * sections, searched in the locale and docs version given (or the defaults the chat uses).
 */
export const searchResultSchema = z.object({
  query: z.string(),
  locale: z.string().nullable(),
  version: z.string().nullable(),
  pages: z.array(searchPageSchema),
});

export type SearchSnippet = z.infer<typeof searchSnippetSchema>;
export type SearchSection = z.infer<typeof searchSectionSchema>;
export type SearchPage = z.infer<typeof searchPageSchema>;
export type SearchResult = z.infer<typeof searchResultSchema>;

/** Longest query `GET /api/search` accepts, in characters (a search box query; questions go to the chat). */
export const MAX_SEARCH_QUERY_LENGTH = 200;
