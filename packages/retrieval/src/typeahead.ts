import type { Analyzer } from './analyzer.js';
import type { LexicalIndex } from './lexical-index.js';
import type { TermDictionary } from './term-dictionary.js';
import { topK } from './top-k.js';

/** Completions of the word being typed that are searched, the most common first. */
export const PREFIX_EXPANSIONS = 30;
/** Postings the completions of the word being typed may add up to (see `prefixWord`). */
export const PREFIX_POSTINGS = 60_000;
/** Terms a misspelt word may stand for. */
export const TYPO_EXPANSIONS = 3;
/** A completion weighs this much of an exact match, a typo correction `TYPO_WEIGHT`: exact words rank first. */
const PREFIX_WEIGHT = 0.8;
const TYPO_WEIGHT = 0.6;
/** Ranking puts sections matching more of the typed words first; BM25 orders those with as many. */
const PER_WORD = 1000;
/** Most typed words searched (a search box query is a few words; the rest are ignored). */
const MAX_WORDS = 12;
/** Whether a prefix is in a script written without spaces, where a single character is already a word. */
const UNSPACED_START = /^[\u2e80-\u9fff\uac00-\ud7af\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f]/u;

/** One word of the query: its index terms, each with the weight a match on it counts for. */
export type TypedWord = { terms: Map<number, number>; prefix: string | null };

export type TypeaheadOptions = {
  /** Tolerate typos in words of 5 letters and more that no page contains (default true). */
  typos?: boolean;
};

/**
 * The words of a query as search as you type reads them: each complete word analysed as the pages were
 * (`analyzer`), and, unless the query ends with a space, the last word as a prefix: its completions in the
 * index (`PREFIX_EXPANSIONS`, most documents first), and the index terms it starts with (`configura` ->
 * `configur`, the stem of `configuration`). A complete word no page contains, of 5 letters or more, stands for
 * its nearest terms (see `TermDictionary.neighbours`) unless `typos` is false; a word the index has is never
 * corrected, so typo tolerance costs no precision on correctly spelt words.
 */
export function typedWords(
  text: string,
  analyzer: Analyzer,
  dictionary: TermDictionary,
  options: TypeaheadOptions = {},
): TypedWord[] {
  const raw = text.normalize('NFKC').split(/\s+/u).filter(Boolean).slice(0, MAX_WORDS);
  const typing = raw.length > 0 && !/\s$/u.test(text);
  const words: TypedWord[] = [];
  raw.forEach((word, position) => {
    const terms = analyzer.analyze(word);
    const last = typing && position === raw.length - 1;
    const complete = last ? terms.slice(0, -1) : terms;
    for (const term of complete) {
      const id = dictionary.find(term);
      const group = new Map<number, number>();
      if (id >= 0) group.set(id, 1);
      else if (options.typos !== false) {
        // The nearest first, within the same postings budget as a word's completions.
        let postings = 0;
        // The word as written, when it is this one term (not a run of unspaced script cut into several).
        const typed = terms.length === 1 ? typedForm(word) : undefined;
        for (const near of dictionary.neighbours(term, TYPO_EXPANSIONS, typed)) {
          if (postings > 0 && postings + dictionary.documentFrequency(near) > PREFIX_POSTINGS) break;
          postings += dictionary.documentFrequency(near);
          group.set(near, TYPO_WEIGHT);
        }
      }
      words.push({ terms: group, prefix: null });
    }
    if (last) words.push(prefixWord(word, terms.at(-1), dictionary, options));
  });
  return words;
}

/** A word as written, lowercased, without what surrounds its letters: what a typo is measured on. */
function typedForm(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

function prefixWord(
  word: string,
  analyzed: string | undefined,
  dictionary: TermDictionary,
  options: TypeaheadOptions,
): TypedWord {
  const lower = word.toLowerCase();
  // Of an identifier being typed (`themeConf`), its whole form and its last part are both completed.
  const part = /[\p{L}\p{M}\p{N}]+$/u.exec(lower)?.[0] ?? lower;
  const prefix = analyzed && UNSPACED_START.test(analyzed) ? analyzed : part;
  const group = new Map<number, number>();
  const add = (id: number, weight: number) => {
    if (id >= 0 && (group.get(id) ?? 0) < weight) group.set(id, weight);
  };
  for (const candidate of new Set([lower, prefix])) {
    if (candidate.length < 2 && !UNSPACED_START.test(candidate)) continue;
    // The commonest completions first, until their postings reach the budget (a short prefix of a large
    // index has completions held by most documents: scoring 30 of them would cost a keystroke's time).
    let postings = 0;
    for (const id of dictionary.prefix(candidate, PREFIX_EXPANSIONS)) {
      if (postings > 0 && postings + dictionary.documentFrequency(id) > PREFIX_POSTINGS) continue;
      postings += dictionary.documentFrequency(id);
      add(id, PREFIX_WEIGHT);
    }
  }
  if (analyzed) add(dictionary.find(analyzed), 1);
  add(dictionary.find(lower), 1);
  // A stem is often shorter than the word typed so far (`configura` -> `configur`).
  for (let cut = Math.max(4, part.length - 3); cut < part.length; cut++) {
    add(dictionary.find(part.slice(0, cut)), PREFIX_WEIGHT);
  }
  // Nothing starts with it: a typo in the word being typed (`configuraton`), read as its nearest terms.
  if (group.size === 0 && analyzed && options.typos !== false && !UNSPACED_START.test(analyzed))
    for (const near of dictionary.neighbours(analyzed, TYPO_EXPANSIONS, typedForm(word)))
      add(near, TYPO_WEIGHT);
  return { terms: group, prefix: part };
}

/** A section found as the reader types: its document number, rank key and how many typed words it has. */
export type TypeaheadMatch = { document: number; score: number; matchedWords: number };

/**
 * The `k` best documents that pass `accept` for the typed words: those matching more of the words first, then
 * by BM25, where each word counts once, by its best-scoring term times that term's weight. Exhaustive over
 * the words' postings (a search as you type query has a few words with at most `PREFIX_EXPANSIONS` terms).
 */
export function matchTypedWords(
  words: readonly TypedWord[],
  lexical: LexicalIndex,
  accept: (document: number) => boolean,
  k: number,
): TypeaheadMatch[] {
  const scratch = scratchOf(lexical);
  const { best, total, count, wordTouched, touched } = scratch;
  let seen = 0;
  try {
    for (const word of words) {
      let wordSeen = 0;
      for (const [id, weight] of word.terms) {
        lexical.eachContribution(id, accept, (document, contribution) => {
          const value = contribution * weight;
          if (best[document] === 0) wordTouched[wordSeen++] = document;
          if (value > best[document]!) best[document] = value;
        });
      }
      for (let i = 0; i < wordSeen; i++) {
        const document = wordTouched[i]!;
        if (count[document] === 0) touched[seen++] = document;
        total[document] = total[document]! + best[document]!;
        count[document] = count[document]! + 1;
        best[document] = 0;
      }
    }
    const key = (document: number) => count[document]! * PER_WORD + total[document]!;
    return topK(touched.subarray(0, seen), key, k).map((document) => ({
      document,
      score: total[document]!,
      matchedWords: count[document]!,
    }));
  } finally {
    for (let i = 0; i < seen; i++) {
      total[touched[i]!] = 0;
      count[touched[i]!] = 0;
    }
  }
}

type Scratch = {
  best: Float64Array;
  total: Float64Array;
  count: Uint16Array;
  wordTouched: Uint32Array;
  touched: Uint32Array;
};

/** Score arrays allocated once per index (a query allocates nothing in proportion to the corpus). */
const scratches = new WeakMap<LexicalIndex, Scratch>();

function scratchOf(lexical: LexicalIndex): Scratch {
  let scratch = scratches.get(lexical);
  if (!scratch) {
    const size = lexical.size;
    scratch = {
      best: new Float64Array(size),
      total: new Float64Array(size),
      count: new Uint16Array(size),
      wordTouched: new Uint32Array(size),
      touched: new Uint32Array(size),
    };
    scratches.set(lexical, scratch);
  }
  return scratch;
}

/** How much a section's score grows when its title and own heading hold every typed word. */
const HEADING_BOOST = 2;

/**
 * Share of the typed words (0..1) found in a section's name: half for the words in its page's title, half for
 * those in its own heading (the page's top section has the title as both). A reader typing a page's or
 * section's name expects it first, before a section that only mentions the words often. `termOf` names a
 * word's term ids; a word being typed also counts when a heading word starts with it.
 */
export function headingShare(
  words: readonly TypedWord[],
  headings: readonly string[],
  analyzer: Analyzer,
  termOf: (id: number) => string,
): number {
  if (words.length === 0 || headings.length === 0) return 0;
  const within = (heading: string) => {
    const terms = new Set(analyzer.analyze(heading));
    const lower = heading.toLowerCase();
    let found = 0;
    for (const word of words) {
      const inHeading =
        [...word.terms.keys()].some((id) => terms.has(termOf(id))) ||
        (word.prefix !== null &&
          new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(word.prefix)}`, 'u').test(lower));
      if (inHeading) found++;
    }
    return found / words.length;
  };
  return (within(headings[0]!) + within(headings.at(-1)!)) / 2;
}

/** `matches` re-ordered with their headings' share of the typed words (see `headingShare`). */
export function rerankByHeadings<T extends TypeaheadMatch>(
  matches: readonly T[],
  share: (match: T) => number,
): T[] {
  return matches
    .map((match) => ({
      match,
      key: match.matchedWords * PER_WORD + match.score * (1 + HEADING_BOOST * share(match)),
    }))
    .sort((a, b) => b.key - a.key)
    .map(({ match }) => match);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
