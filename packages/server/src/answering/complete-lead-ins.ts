import type { Chunk } from '@docent/protocol';
import { pagePath, type Store } from '@docent/retrieval';
import { answerUnits, chunkBody } from './answer-units.js';

/** A paragraph that introduces what follows it ("Install both packages:"). */
const LEAD_IN = /:\s*$/;

/**
 * Sources whose text ends on a lead-in (the chunk was cut right after "It needs to be rewritten like this:")
 * get what it introduces: the first block (a list, code block, table or paragraph) of the next chunk of the
 * same section, from the store's copy of the page. A lead-in that ends its section (it introduces the next
 * headings) and a store failure leave the source as it was. Returns new chunks; never mutates.
 */
export async function completeLeadIns(
  sources: readonly Chunk[],
  store: Pick<Store, 'page'>,
): Promise<Chunk[]> {
  return Promise.all(
    sources.map(async (source) => {
      if (!LEAD_IN.test(chunkBody(source))) return source;
      let page: Chunk[];
      try {
        page = await store.page(pagePath(source.url));
      } catch {
        return source;
      }
      const at = page.findIndex((chunk) => chunk.id === source.id);
      const next = at >= 0 ? page[at + 1] : undefined;
      if (!next || next.headings.join('\n') !== source.headings.join('\n')) return source;
      const introduced = answerUnits(next)[0];
      return introduced ? { ...source, text: `${source.text}\n\n${introduced.text}` } : source;
    }),
  );
}
