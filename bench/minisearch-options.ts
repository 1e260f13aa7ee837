import type { Options } from 'minisearch';

/**
 * MiniSearch as the peer runs it: the chunk text searched (it starts with the breadcrumb, as Docent's
 * does), every field a docs assistant returns stored with the index, the locale filter on a stored field.
 * Its defaults otherwise (BM25+, OR of the terms, no prefix or fuzzy matching).
 */
export const MINISEARCH_OPTIONS: Options = {
  fields: ['text'],
  storeFields: ['url', 'title', 'headings', 'text', 'locale', 'version'],
};
