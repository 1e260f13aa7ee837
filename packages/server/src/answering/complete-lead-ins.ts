import type { Chunk } from '@docent/protocol';
import { pagePath, type Store } from '@docent/retrieval';
import { answerUnits, chunkBody, LEAD_IN } from './answer-units.js';

const sameHeadings = (a: Chunk, b: Chunk) => a.headings.join('\n') === b.headings.join('\n');

/**
 * The titles of the sections directly under `parent`'s heading, in page order, from the chunks that follow it
 * on its page: each title once (a section split into several chunks, or one whose text is all in its own
 * subsections, which then has no chunk of its own, still counts).
 */
function subsectionTitles(parent: Chunk, following: readonly Chunk[]): string[] {
  const depth = parent.headings.length;
  const titles = new Set<string>();
  for (const chunk of following) {
    const inside = chunk.headings.length > depth && parent.headings.every((h, i) => chunk.headings[i] === h);
    if (!inside) break;
    titles.add(chunk.headings[depth]!);
  }
  return [...titles];
}

/**
 * Sources whose text ends on a lead-in get what it introduces, from the store's copy of the page:
 * - the chunk was cut right after "It needs to be rewritten like this:": the first block (a list, code block,
 *   table or paragraph) of the next chunk of the same section;
 * - the lead-in ends its section and introduces the sections under it ("Redux can be described in three
 *   fundamental principles:" followed by one `###` per principle): a list of those sections' titles.
 *
 * A store failure leaves the source as it was. Returns new chunks; never mutates.
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
      if (!next) return source;
      let introduced: string | undefined;
      if (sameHeadings(next, source)) introduced = answerUnits(next)[0]?.text;
      else {
        const titles = subsectionTitles(source, page.slice(at + 1));
        if (titles.length > 0) introduced = titles.map((title) => `- ${title}`).join('\n');
      }
      return introduced ? { ...source, text: `${source.text}\n\n${introduced}` } : source;
    }),
  );
}
