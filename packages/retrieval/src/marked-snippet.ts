import type { Analyzer } from './analyzer.js';
import { UNSPACED } from './word-segments.js';

/** A passage of a section with the words that matched marked by offsets (never HTML). */
export type MarkedSnippet = {
  /** Plain text, whitespace collapsed; `…` where it was cut. */
  text: string;
  /** `[start, end)` UTF-16 offsets into `text` of each matched word, in order, never overlapping. */
  highlights: [number, number][];
};

const WORD = /[\p{L}\p{M}\p{N}_$]+/gu;
const ASCII = /^[ -~]*$/;

/**
 * Marks in `text` the words a query matched: a word whose terms under `analyzer` (the index's, for the
 * section's locale) include one of `terms`, or that starts with one of `prefixes` (the word being typed); in
 * runs of unspaced script (Chinese, Japanese, Thai…), each occurrence of a matched term. Returns offsets.
 */
export function markMatches(
  text: string,
  terms: ReadonlySet<string>,
  prefixes: readonly string[],
  analyzer: Analyzer,
  options: { first?: boolean; memo?: Map<string, boolean> } = {},
): [number, number][] {
  const marks: [number, number][] = [];
  // Words repeat: each distinct word is analysed once per snippet.
  const memo = options.memo ?? new Map<string, boolean>();
  // A stem keeps its word's first two letters (diacritics aside): a word whose two letters start no term
  // cannot match one, and is not analysed.
  const leads = new Set([...terms].map(lead));
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const start = match.index;
    if (UNSPACED.test(word)) {
      for (const term of terms) {
        if (!UNSPACED.test(term)) continue;
        for (let at = word.indexOf(term); at >= 0; at = word.indexOf(term, at + term.length)) {
          marks.push([start + at, start + at + term.length]);
        }
      }
    } else {
      const lower = word.toLowerCase();
      let hit = memo.get(lower);
      if (hit === undefined) {
        hit =
          prefixes.some((prefix) => prefix.length > 0 && lower.startsWith(prefix)) ||
          (leads.has(lead(lower)) && analyzer.analyze(word).some((term) => terms.has(term)));
        memo.set(lower, hit);
      }
      if (hit) marks.push([start, start + word.length]);
    }
    if (options.first && marks.length > 0) break;
  }
  marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const mark of marks) {
    const previous = merged.at(-1);
    if (previous && mark[0] <= previous[1]) previous[1] = Math.max(previous[1], mark[1]);
    else merged.push([mark[0], mark[1]]);
  }
  return merged;
}

/** A word's first two letters without diacritics (`Äpfel` and its German stem `apfel` share `ap`). */
function lead(word: string): string {
  if (ASCII.test(word)) return word.slice(0, 2).toLowerCase();
  return word.normalize('NFD').replace(/\p{M}/gu, '').slice(0, 2).toLowerCase();
}

/**
 * A snippet of about `length` characters of a section's body (its text without the leading breadcrumb line),
 * starting a little before the first matched word, with every matched word in it marked (see `markMatches`).
 */
export function markedSnippet(
  body: string,
  terms: ReadonlySet<string>,
  prefixes: readonly string[],
  analyzer: Analyzer,
  length = 160,
  /** Shared by the snippets of one result list (each distinct word is judged once). */
  memo = new Map<string, boolean>(),
): MarkedSnippet {
  // Read as text: code fences, backticks and emphasis markers are markdown, not words.
  const flat = body
    .replace(/```[\w-]*/g, ' ')
    .replace(/`|\*\*/g, '')
    .replace(/\s+/gu, ' ')
    .trim();
  // Only the passage shown is marked: find the first match, cut the window, mark in it.
  const first = markMatches(flat, terms, prefixes, analyzer, { first: true, memo })[0];
  let start = 0;
  if (first && first[1] > length - 20) {
    start = Math.max(0, first[0] - 40);
    const space = flat.lastIndexOf(' ', start);
    start = space > 0 && start - space < 20 ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start + length / 2) end = space;
  }
  const all = markMatches(flat.slice(start, end), terms, prefixes, analyzer, { memo }).map(
    ([from, to]): [number, number] => [from + start, to + start],
  );
  const lead = start > 0 ? '…' : '';
  const text = `${lead}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
  const shift = lead.length - start;
  const highlights = all
    .filter(([from, to]) => from >= start && to <= end)
    .map(([from, to]): [number, number] => [from + shift, to + shift]);
  return { text, highlights };
}

/** A section's text without the breadcrumb line it starts with (`Page > Section`). */
export function sectionBody(chunk: { text: string; headings: readonly string[] }): string {
  const breadcrumb = chunk.headings.join(' > ');
  return breadcrumb && chunk.text.startsWith(breadcrumb)
    ? chunk.text.slice(breadcrumb.length).trimStart()
    : chunk.text;
}
