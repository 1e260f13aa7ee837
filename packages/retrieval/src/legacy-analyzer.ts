import type { Analyzer } from './analyzer.js';
import { englishAnalysis } from './language-analysis.js';

const RAW_TOKEN = /(?:--?|@|\.)?[\p{L}\p{N}_$]+(?:[./:@_$-]+[\p{L}\p{N}_$]+)*/gu;
const PART = /[\p{L}\p{N}]+/gu;
const CAMEL_BOUNDARY = /(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;
const CODE_LIKE = /[./:@_$-]|\p{Ll}\p{Lu}/u;
const MAX_TERM_LENGTH = 64;

/**
 * The analyzer of indexes written before analyzers were recorded (format 2 files, Qdrant collections of
 * then): every locale read as English, with no Unicode normalisation and no word segmentation (a run of
 * Chinese is one term). Kept so such an index is searched exactly as it was built until it is re-indexed.
 */
export const LEGACY_ANALYZER: Analyzer = {
  id: 'legacy-en',
  language: 'en',
  analyze(text) {
    const { stem, stopWords } = englishAnalysis();
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
          if (lower.length === 0 || lower.length > MAX_TERM_LENGTH || stopWords.has(lower)) continue;
          if (codeLike && lower === token.toLowerCase()) continue;
          terms.push(/^\p{L}+$/u.test(lower) ? stem(lower) : lower);
        }
      }
    }
    return terms;
  },
};
