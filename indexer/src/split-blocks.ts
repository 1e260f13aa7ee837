import { fenced } from '@docent/markdown';
import type { Block } from './page-sections.js';

/** Rough token count (4 characters a token), enough to size chunks for embedding models and prompts. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function splitText(text: string, maxTokens: number): string[] {
  for (const separator of ['\n\n', '\n', /(?<=[.!?])\s+/]) {
    const parts = text.split(separator).filter((part) => part.trim() !== '');
    if (parts.length > 1) return pack(parts, maxTokens, typeof separator === 'string' ? separator : ' ');
  }
  // One unbroken run: cut at the last space before the limit.
  const pieces: string[] = [];
  let rest = text;
  while (estimateTokens(rest) > maxTokens) {
    const limit = maxTokens * 4;
    const cut = rest.lastIndexOf(' ', limit) > limit / 2 ? rest.lastIndexOf(' ', limit) : limit;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  return rest ? [...pieces, rest] : pieces;
}

function pack(parts: string[], maxTokens: number, separator: string): string[] {
  const packed: string[] = [];
  let current = '';
  for (const part of parts) {
    const candidate = current ? `${current}${separator}${part}` : part;
    if (current && estimateTokens(candidate) > maxTokens) {
      packed.push(current);
      current = part;
    } else {
      current = candidate;
    }
  }
  if (current) packed.push(current);
  return packed.flatMap((piece) =>
    estimateTokens(piece) > maxTokens ? splitText(piece, maxTokens) : [piece],
  );
}

function splitCode(block: Block, maxTokens: number): string[] {
  const lines = (block.source ?? block.text).split('\n');
  const pieces: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (current.length > 0 && estimateTokens([...current, line].join('\n')) > maxTokens - 4) {
      pieces.push(current.join('\n'));
      current = [];
    }
    current.push(line);
  }
  if (current.length > 0) pieces.push(current.join('\n'));
  return pieces.map((piece) => fenced(piece, block.info ?? ''));
}

/**
 * Groups a section's blocks into chunk bodies of about `maxTokens`, breaking only between blocks
 * (paragraphs, lists, code blocks); a single block is split only when it alone is too long (text at
 * paragraph, line or sentence boundaries; code at line boundaries, each piece fenced again).
 */
export function splitBlocks(blocks: readonly Block[], maxTokens: number): string[] {
  const pieces = blocks.flatMap((block) => {
    if (estimateTokens(block.text) <= maxTokens) return [block.text];
    return block.code ? splitCode(block, maxTokens) : splitText(block.text, maxTokens);
  });
  const bodies: string[] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const piece of pieces) {
    const size = estimateTokens(piece);
    if (current.length > 0 && tokens + size > maxTokens) {
      bodies.push(current.join('\n\n'));
      current = [];
      tokens = 0;
    }
    current.push(piece);
    tokens += size;
  }
  if (current.length > 0) bodies.push(current.join('\n\n'));
  // A short tail reads better with what came before it, if together they stay near the target.
  if (bodies.length > 1 && estimateTokens(bodies.at(-1)!) < maxTokens / 4) {
    const tail = bodies.pop()!;
    const previous = bodies.pop()!;
    if (estimateTokens(previous) + estimateTokens(tail) <= maxTokens * 1.25)
      bodies.push(`${previous}\n\n${tail}`);
    else bodies.push(previous, tail);
  }
  return bodies;
}
