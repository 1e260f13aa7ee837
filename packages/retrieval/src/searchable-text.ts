import type { Chunk } from '@docent/protocol';

/**
 * The text a chunk is searched by, in both stores: its text (which starts with the breadcrumb) plus its own
 * heading and the page title `headingRepeats` times more (default once), so a section's name weighs more
 * than a passing mention (a cheap field weight that raised MRR@10 on every eval corpus; the Qdrant store
 * always uses the default).
 */
export function searchableText(chunk: Pick<Chunk, 'text' | 'headings'>, headingRepeats = 1): string {
  const own = chunk.headings.length > 1 ? `\n${chunk.headings.at(-1)}` : '';
  return chunk.text + `${own}\n${chunk.headings[0] ?? ''}`.repeat(headingRepeats);
}
