/**
 * Characters of scripts written without spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer,
 * Myanmar, and the Japanese iteration and prolonged-sound marks): a run of them is one "token" to a
 * whitespace tokenizer, so it is cut into words first.
 */
export const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}ー々〆〤]/u;
const UNSPACED_RUN = new RegExp(`${UNSPACED.source}+`, 'gu');
const SPACED_TO_UNSPACED = new RegExp(
  `(?<=[^\\s${UNSPACED.source.slice(1, -1)}])(?=${UNSPACED.source})|(?<=${UNSPACED.source})(?=[^\\s${UNSPACED.source.slice(1, -1)}])`,
  'gu',
);

/** How a run of unspaced script is cut into terms. */
export type Segmentation = 'segmenter' | 'bigram';

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(language: string): Intl.Segmenter {
  let found = segmenters.get(language);
  if (!found) {
    found = new Intl.Segmenter(language, { granularity: 'word' });
    segmenters.set(language, found);
  }
  return found;
}

/** Puts a space wherever unspaced script meets other text ("使用pnpm安装" -> "使用 pnpm 安装"). */
export function spaceUnspacedRuns(text: string): string {
  return UNSPACED.test(text) ? text.replace(SPACED_TO_UNSPACED, ' ') : text;
}

/**
 * The words of one run of unspaced script (`UNSPACED` characters only).
 * - `segmenter`: the dictionary-based word breaker of ICU that ships with Node (`Intl.Segmenter`, word
 *   granularity), for the page's or question's language ('zh' for Han text outside Chinese and Japanese).
 * - `bigram`: overlapping pairs of characters (the CJK analyzers of Lucene and Elasticsearch), a single
 *   character kept as it is.
 */
export function unspacedWords(run: string, language: string, segmentation: Segmentation): string[] {
  if (segmentation === 'bigram') {
    const characters = [...run];
    if (characters.length < 2) return characters;
    const pairs: string[] = [];
    for (let at = 0; at + 1 < characters.length; at++) pairs.push(characters[at]! + characters[at + 1]!);
    return pairs;
  }
  const words: string[] = [];
  for (const piece of segmenter(language).segment(run)) if (piece.isWordLike) words.push(piece.segment);
  return words;
}

/** Every run of unspaced script in `text`. */
export function unspacedRuns(text: string): string[] {
  return text.match(UNSPACED_RUN) ?? [];
}
