import type { StoredChunk } from '@docent/protocol';
import { create, insertMultiple, load, save, search } from '@orama/orama';
import FlexSearch from 'flexsearch';

/**
 * The search engines site owners would otherwise pick, run as they ship: the chunk text searched, the fields
 * a docs assistant returns stored with the index, the locale as a filter, the top 8 kept; each engine's own
 * persistence. [Orama](https://docs.orama.com) 3 (BM25, `save`/`load`) and
 * [FlexSearch](https://github.com/nextapps-de/flexsearch) 0.8 (its Document index, `export`/`import`, the
 * locale as a tag, `suggest` so that a question's words are OR-ed as the other engines do).
 */
export type PeerEngine = {
  name: 'orama' | 'flexsearch';
  /** Builds the index over the chunks and serialises it. */
  build(chunks: readonly StoredChunk[]): Promise<string>;
  /** Loads a serialised index and returns its search: the number of hits (at most 8) in the locale. */
  load(serialised: string): Promise<(query: string, locale: string) => number>;
};

const ORAMA_SCHEMA = {
  text: 'string',
  url: 'string',
  title: 'string',
  headings: 'string[]',
  locale: 'enum',
  version: 'enum',
} as const;

const orama: PeerEngine = {
  name: 'orama',
  async build(chunks) {
    const db = create({ schema: ORAMA_SCHEMA });
    await insertMultiple(
      db,
      chunks.map(({ id, text, url, title, headings, locale, version }) => ({
        id,
        text,
        url,
        title,
        headings,
        locale,
        version,
      })),
      5000,
    );
    return JSON.stringify(save(db));
  },
  async load(serialised) {
    const db = create({ schema: ORAMA_SCHEMA });
    load(db, JSON.parse(serialised));
    return (query, locale) => {
      const result = search(db, {
        term: query,
        properties: ['text'],
        where: { locale: { eq: locale } },
        limit: 8,
      });
      return (result as { hits: unknown[] }).hits.length;
    };
  },
};

type FlexDocument = { id: string; text: string; url: string; title: string; locale: string; version: string };
const FLEX_OPTIONS = {
  document: {
    id: 'id',
    index: ['text'],
    tag: ['locale'],
    store: ['url', 'title', 'text', 'locale', 'version'],
  },
} as const;

const flexsearch: PeerEngine = {
  name: 'flexsearch',
  async build(chunks) {
    const index = new FlexSearch.Document<FlexDocument>(FLEX_OPTIONS as never);
    for (const { id, text, url, title, locale, version } of chunks)
      index.add({ id, text, url, title, locale, version });
    const parts: Record<string, string> = {};
    await index.export((key: string, data: string) => {
      parts[key] = data;
    });
    return JSON.stringify(parts);
  },
  async load(serialised) {
    const index = new FlexSearch.Document<FlexDocument>(FLEX_OPTIONS as never);
    for (const [key, data] of Object.entries(JSON.parse(serialised) as Record<string, string>))
      index.import(key, data);
    return (query, locale) => {
      const results = index.search({
        query,
        suggest: true,
        tag: { locale },
        limit: 8,
        enrich: true,
      } as never) as unknown as {
        result: unknown[];
      }[];
      return results[0]?.result.length ?? 0;
    };
  },
};

export const PEER_ENGINES: Record<PeerEngine['name'], PeerEngine> = { orama, flexsearch };
