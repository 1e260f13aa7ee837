import type { Chunk } from '@docent/protocol';
import { analyze } from '@docent/retrieval';
import type { GenerationInput, Generator } from './generator.js';

export const EXTRACTIVE_PREFACE =
  'Here is what the docs say (quoted from the pages below; no language model is configured):';

type Unit = { text: string; code: boolean; order: number };

/** A chunk's body (its breadcrumb line removed) as paragraphs, list items and whole code blocks. */
function units(chunk: Chunk): Unit[] {
  const body = chunk.text.slice(chunk.text.indexOf('\n\n') + 2);
  const found: Unit[] = [];
  const fence = /(`{3,})[^\n]*\n[\s\S]*?\n\1/g;
  let last = 0;
  const pushProse = (prose: string) => {
    for (const paragraph of prose.split(/\n{2,}/)) {
      const text = paragraph.trim();
      if (text) found.push({ text, code: false, order: found.length });
    }
  };
  for (const match of body.matchAll(fence)) {
    pushProse(body.slice(last, match.index));
    found.push({ text: match[0], code: true, order: found.length });
    last = match.index! + match[0].length;
  }
  pushProse(body.slice(last));
  return found;
}

const MAX_CODE_LINES = 16;

/** A long code block is cut to its first lines (the cited section has the rest). */
function shortenCode(fenced: string): string {
  const lines = fenced.split('\n');
  if (lines.length <= MAX_CODE_LINES + 2) return fenced;
  return [...lines.slice(0, MAX_CODE_LINES + 1), '…', lines.at(-1)!].join('\n');
}

function score(unit: Unit, queryTerms: Set<string>): number {
  const terms = analyze(unit.text);
  if (terms.length === 0) return 0;
  const matched = new Set(terms.filter((term) => queryTerms.has(term))).size;
  return matched / Math.sqrt(Math.max(8, terms.length)) + (unit.code ? 0.05 : 0);
}

/**
 * The generator used without an LLM: it quotes the best passages of the best sources, each cited, and
 * says plainly that it quotes rather than composes.
 */
export class ExtractiveGenerator implements Generator {
  readonly mode = 'extractive';
  readonly description = 'extractive (no LLM: quotes the best passages)';

  async *generate(input: GenerationInput): AsyncIterable<string> {
    const queryTerms = new Set(analyze(input.question));
    const parts: string[] = [EXTRACTIVE_PREFACE];
    input.sources.slice(0, 3).forEach((source, index) => {
      const ranked = units(source)
        .map((unit) => ({ unit, score: score(unit, queryTerms) }))
        .filter((entry) => entry.score > 0 || index === 0)
        .sort((a, b) => b.score - a.score);
      const take = index === 0 ? 3 : 1;
      const chosen = ranked
        .slice(0, take)
        .filter((entry, position) => position === 0 || entry.score > 0)
        .map((entry) => entry.unit)
        .sort((a, b) => a.order - b.order);
      if (chosen.length === 0) return;
      const heading = source.headings.join(' › ');
      const quoted = chosen.map((unit) => (unit.code ? shortenCode(unit.text) : unit.text)).join('\n\n');
      parts.push(`**${heading}** [${index + 1}]\n\n${quoted}`);
    });
    for (const [index, part] of parts.entries()) {
      if (input.signal.aborted) return;
      // Phrase-sized deltas, so the reader sees the answer arrive the way an LLM's would.
      for (const piece of `${index > 0 ? '\n\n' : ''}${part}`.match(/(?:\S+\s*){1,6}|\s+/g) ?? [])
        yield piece;
    }
  }
}
