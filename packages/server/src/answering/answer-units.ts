import type { Chunk } from '@docent/protocol';
import { fencedBlocks } from './fenced-blocks.js';

/** A quotable piece of a section: a paragraph, a whole list, or a code block (with its lead-in). */
export type AnswerUnit = { text: string; code: boolean; order: number; leadIn?: true };

/** A paragraph that introduces what follows it: it ends in a colon (`:`, or Chinese and Japanese `：`). */
export const LEAD_IN = /[:：]\s*$/;

const LIST_LINE = /^\s*(?:[-*+]|\d+[.)])\s/;
const ORDERED_LINE = /^\s*\d+[.)]\s/;

/** The chunk's body: its text without the breadcrumb line. */
export function chunkBody(chunk: Pick<Chunk, 'text'>): string {
  const start = chunk.text.indexOf('\n\n');
  return start < 0 ? chunk.text : chunk.text.slice(start + 2);
}

type ProseBlock = { text: string; list: boolean; ordered: boolean };

function proseBlocks(prose: string): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  for (const paragraph of prose.split(/\n{2,}/)) {
    const text = paragraph.trim();
    if (!text) continue;
    const list = LIST_LINE.test(text);
    const ordered = ORDERED_LINE.test(text);
    const previous = blocks.at(-1);
    // Items of one list separated by blank lines (a "loose" list) stay one unit: numbered steps together.
    if (previous?.list && list && previous.ordered === ordered) previous.text += `\n\n${text}`;
    else blocks.push({ text, list, ordered });
  }
  return blocks;
}

/**
 * Splits a section into units a reader can quote on their own: paragraphs, whole lists (every step of a
 * numbered procedure together) and whole code blocks; a paragraph that leads into what follows (ending
 * in ":") is joined to the block it introduces (a list, a code block, a table, a paragraph), and one with
 * nothing after it in the chunk is marked `leadIn` (what it introduces is not here: the next section).
 */
export function answerUnits(chunk: Pick<Chunk, 'text'>): AnswerUnit[] {
  const body = chunkBody(chunk);
  const raw: { text: string; code: boolean; list: boolean }[] = [];
  let last = 0;
  for (const fenced of fencedBlocks(body)) {
    for (const block of proseBlocks(body.slice(last, fenced.index))) raw.push({ ...block, code: false });
    raw.push({ text: body.slice(fenced.index, fenced.index + fenced.length), code: true, list: false });
    last = fenced.index + fenced.length;
  }
  for (const block of proseBlocks(body.slice(last))) raw.push({ ...block, code: false });

  const units: AnswerUnit[] = [];
  for (let index = 0; index < raw.length; index++) {
    const block = raw[index]!;
    const next = raw[index + 1];
    if (!block.code && LEAD_IN.test(block.text) && next) {
      units.push({ text: `${block.text}\n\n${next.text}`, code: next.code, order: units.length });
      index++;
      continue;
    }
    const dangling = !block.code && !next && LEAD_IN.test(block.text);
    units.push({
      text: block.text,
      code: block.code,
      order: units.length,
      ...(dangling ? { leadIn: true } : {}),
    });
  }
  return units;
}
