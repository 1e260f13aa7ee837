import type { Chunk } from '@docent/protocol';
import { type Analyzer, analyzerFor, pagePath } from '@docent/retrieval';
import { type AnswerUnit, answerUnits, chunkBody } from './answer-units.js';
import { fencedBlocks } from './fenced-blocks.js';
import type { GenerationInput, Generator } from './generator.js';

export const EXTRACTIVE_PREFACE =
  'Here is what the docs say (quoted from the pages below; no language model is configured):';

/** A section whose body is at most this long is quoted whole. */
const SHORT_SECTION_CHARACTERS = 1200;
/** Units quoted from the best source when it is long. */
const BEST_SOURCE_UNITS = 3;
/** Sources quoted at most. */
const QUOTED_SOURCES = 4;
/** A further source is quoted when its best passage scores at least this share of the best source's. */
const FURTHER_SOURCE_SHARE = 0.75;
/**
 * Characters quoted from a further source: its best unit (whatever its length), then each next best matching
 * unit that still fits in this many characters in all (a one-line signature gets the sentence that explains
 * it; a long paragraph comes alone).
 */
const FURTHER_SOURCE_CHARACTERS = 500;
const MAX_CODE_LINES = 16;

/**
 * A long code block is cut to the `MAX_CODE_LINES` lines that hold the most question terms (its first lines
 * when none does), with "…" inside the block where lines are left out and a note after it saying which lines
 * are shown (the cited section has them all). A block inside a list item (indented, as the indexer writes
 * it) keeps its indentation; blocks are found by `fencedBlocks` (CommonMark's fence rules).
 */
function shortenCode(text: string, queryTerms: Set<string>, analyzer: Analyzer): string {
  let shortened = text;
  // From the last block back, so the earlier blocks' offsets still hold.
  for (const block of fencedBlocks(text).reverse()) {
    const { lines, fence, info, indent } = block;
    if (lines.length <= MAX_CODE_LINES * 1.5) continue;
    const hits = lines.map((line) => (analyzer.analyze(line).some((term) => queryTerms.has(term)) ? 1 : 0));
    let start = 0;
    let best = -1;
    let inWindow = 0;
    for (let line = 0; line < lines.length; line++) {
      inWindow += hits[line]!;
      if (line >= MAX_CODE_LINES) inWindow -= hits[line - MAX_CODE_LINES]!;
      if (line >= MAX_CODE_LINES - 1 && inWindow > best) {
        best = inWindow;
        start = line - MAX_CODE_LINES + 1;
      }
    }
    const end = start + MAX_CODE_LINES;
    const shown = [
      ...(start > 0 ? [`${indent}…`] : []),
      ...lines.slice(start, end),
      ...(end < lines.length ? [`${indent}…`] : []),
    ];
    const cut = `${fence}${info}\n${shown.join('\n')}\n${indent}${fence}\n\n${indent}(lines ${start + 1}–${end} of ${lines.length} shown)`;
    shortened = shortened.slice(0, block.index) + cut + shortened.slice(block.index + block.length);
  }
  return shortened;
}

/** How well a unit matches the question: distinct question terms it has, damped by its length. */
function score(unit: AnswerUnit, queryTerms: Set<string>, analyzer: Analyzer): number {
  const terms = analyzer.analyze(unit.text);
  if (terms.length === 0) return 0;
  const matched = new Set(terms.filter((term) => queryTerms.has(term))).size;
  return matched / Math.sqrt(Math.max(8, terms.length)) + (unit.code ? 0.05 : 0);
}

type Passage = { source: Chunk; index: number; units: AnswerUnit[]; best: number };

function bestPassage(
  source: Chunk,
  index: number,
  queryTerms: Set<string>,
  whole: boolean,
  analyzer: Analyzer,
): Passage | null {
  const all = answerUnits(source);
  // A lead-in whose list or steps are in the next section is not quoted on its own.
  const quotable = all.some((unit) => !unit.leadIn) ? all.filter((unit) => !unit.leadIn) : all;
  const ranked = quotable
    .map((unit) => ({ unit, score: score(unit, queryTerms, analyzer) }))
    .sort((a, b) => b.score - a.score);
  if (ranked.length === 0) return null;
  const best = ranked[0]!.score;
  let units: AnswerUnit[];
  if (whole) units = ranked.map((entry) => entry.unit);
  else if (index === 0)
    units = ranked
      .slice(0, BEST_SOURCE_UNITS)
      .filter((entry, position) => position === 0 || entry.score > 0)
      .map((entry) => entry.unit);
  else {
    units = [ranked[0]!.unit];
    let characters = ranked[0]!.unit.text.length;
    for (const entry of ranked.slice(1)) {
      if (entry.score <= 0 || characters + entry.unit.text.length > FURTHER_SOURCE_CHARACTERS) continue;
      units.push(entry.unit);
      characters += entry.unit.text.length;
    }
  }
  return { source, index, units: units.sort((a, b) => a.order - b.order), best };
}

/**
 * The generator used without an LLM: it quotes whole passages of the best source (a short section whole),
 * and a few sentences (`FURTHER_SOURCE_CHARACTERS`) of up to three further sources: sections of the best
 * source's page, and other pages' sections when their best passage matches the question at least 0.75 as well.
 * Each is cited, and the answer says plainly that it quotes rather than composes. The constants were chosen
 * on every eval corpus (the Benchmarks page, "What was tried").
 */
export class ExtractiveGenerator implements Generator {
  readonly mode = 'extractive';
  readonly description = 'extractive (no LLM: quotes the best passages)';

  /** `preface`: the sentence the answer opens with (it says the text is quoted, and why). */
  constructor(private readonly preface = EXTRACTIVE_PREFACE) {}

  async *generate(input: GenerationInput): AsyncIterable<string> {
    // The sources are in the reader's locale: its analyzer reads them and the question alike.
    const analyzer = analyzerFor(input.sources.all()[0]?.locale);
    const queryTerms = new Set(analyzer.analyze(input.question));
    const passages: Passage[] = [];
    input.sources.all().forEach((source, index) => {
      if (passages.length >= QUOTED_SOURCES) return;
      const short = chunkBody(source).length <= SHORT_SECTION_CHARACTERS;
      const passage = bestPassage(source, index, queryTerms, short && index === 0, analyzer);
      if (!passage) return;
      const first = passages[0];
      // Further sections of the best source's own page are on its topic; others must match about as well.
      const samePage = first !== undefined && pagePath(source.url) === pagePath(first.source.url);
      if (first && (passage.best <= 0 || (!samePage && passage.best < FURTHER_SOURCE_SHARE * first.best)))
        return;
      passages.push(passage);
    });
    const parts = [
      this.preface,
      ...passages.map(
        (passage) =>
          `**${passage.source.headings.join(' › ')}** [${passage.index + 1}]\n\n${passage.units.map((unit) => shortenCode(unit.text, queryTerms, analyzer)).join('\n\n')}`,
      ),
    ];
    for (const [index, part] of parts.entries()) {
      if (input.signal.aborted) return;
      // Phrase-sized deltas, so the reader sees the answer arrive the way an LLM's would.
      for (const piece of `${index > 0 ? '\n\n' : ''}${part}`.match(/(?:\S+\s*){1,6}|\s+/g) ?? [])
        yield piece;
    }
  }
}
