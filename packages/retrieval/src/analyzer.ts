import porter2 from 'wink-porter2-stemmer';
import { STOP_WORDS } from './stop-words.js';

/**
 * Raw tokens: runs of word characters that may contain `.`, `-`, `/`, `_`, `@`, `$`, `:` between
 * word characters, optionally led by `--`, `-`, `@` or `.` (so `--port`, `@docusaurus/core`,
 * `docusaurus.config.js`, `.env` stay one token).
 */
const RAW_TOKEN = /(?:--?|@|\.)?[\p{L}\p{N}_$]+(?:[./:@_$-]+[\p{L}\p{N}_$]+)*/gu;
const PART = /[\p{L}\p{N}]+/gu;
const CAMEL_BOUNDARY = /(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;
const CODE_LIKE = /[./:@_$-]|\p{Ll}\p{Lu}/u;
const MAX_TERM_LENGTH = 64;

const stemCache = new Map<string, string>();

/**
 * Stems a lowercase word with Porter2 (Snowball English), memoised (documentation vocabularies are small).
 * Porter2 rather than the original Porter: Porter stems "deploy" to "deploi" but "deployment" to
 * "deploy", so a question about deploying missed the Deployment page.
 */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = /^\p{L}+$/u.test(word) ? porter2(word) : word;
    if (stemCache.size < 200_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

/**
 * Turns text into search terms: lowercase, stop words dropped, words stemmed; identifiers such as
 * `baseUrl`, `--port` or `docusaurus.config.js` are kept whole (lowercased, unstemmed) and also split
 * into their stemmed parts (`base`, `url`), so both the exact identifier and its words match.
 * The same function analyses documents and queries, in every store.
 */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(RAW_TOKEN)) {
    const token = match[0];
    if (token.length > MAX_TERM_LENGTH * 2) continue;
    const codeLike = CODE_LIKE.test(token);
    if (codeLike) {
      const whole = token.toLowerCase().replace(/[.:]+$/, '');
      if (whole.length > 1 && whole.length <= MAX_TERM_LENGTH) terms.push(whole);
    }
    for (const piece of token.match(PART) ?? []) {
      for (const word of codeLike ? piece.split(CAMEL_BOUNDARY) : [piece]) {
        const lower = word.toLowerCase();
        if (lower.length === 0 || lower.length > MAX_TERM_LENGTH || STOP_WORDS.has(lower)) continue;
        // A whole token that was split into a single identical part is already counted above.
        if (codeLike && lower === token.toLowerCase()) continue;
        terms.push(stem(lower));
      }
    }
  }
  return terms;
}

/** Term frequencies of a text: term -> count. */
export function termFrequencies(text: string): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const term of analyze(text)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  return frequencies;
}
