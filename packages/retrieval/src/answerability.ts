import { type Analyzer, analyzerFor } from './analyzer.js';
import { focusRarity } from './focus-rarity.js';
import { spaceUnspacedRuns, UNSPACED, unspacedWords } from './word-segments.js';

/**
 * What the answerability decision reads, computed by every store for its best hit. All three are
 * comparable across questions and sites (the decline model is fitted on several corpora at once).
 */
export type AnswerabilityEvidence = {
  /** Share of the question's terms (idf-weighted where the store knows idf) found in the best three sections. */
  coverage: number;
  /**
   * The rarity (0..1, `focusRarity` in the question's language) of the rarest question word that no indexed
   * page contains: a question about "telemetry" or "IndexedDB" on docs that never mention them. 0 when every
   * word occurs somewhere. Only the words of the question proper count: the sentences that set the scene
   * ("Our bundle goes through an old compressor that chokes on classes. How can I …?") tell the reader's
   * situation in their own words, which says nothing about what the docs lack (measured: a model given their
   * rarity as a feature of its own weighs it at 0.03).
   */
  absentRarity: number;
  /** Share of the question's terms (idf-weighted where known) that no indexed page contains. */
  absentShare: number;
  /** The question words no page contains (shown in logs and the eval). */
  absentWords: string[];
};

/**
 * One word of the question, with the index terms that decide whether the docs contain it; `context` when it
 * stands in a sentence that sets the scene rather than asks.
 */
type QuestionWord = {
  word: string;
  variants: string[];
  segments: string[];
  first: boolean;
  context: boolean;
};

const WORD_SEPARATOR = /[\s,;!?()"'“”‘’。、，；：？！「」『』《》〈〉【】]+/;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
/** A hyphenated word whose later parts are lowercase words ("third-party", "ES-style", "Flow-typed"). */
const ENGLISH_COMPOUND = /^[\p{L}\p{N}]+(?:-\p{Ll}+)+$/u;
/** An English negating prefix, judged by the word it negates ("non-JS", "untranspiled"). */
const NEGATION = /^(?:non-|un(?=\p{Ll}{5,}$))/u;
/** A word written as code: a path, a camelCase or snake_case name. */
const IDENTIFIER = /[./:@_]|\p{Ll}\p{Lu}/u;

/** A question's pieces between separators; a run of unspaced script (Chinese, Japanese) cut into its words. */
function rawWords(question: string, analyzer: Analyzer): string[] {
  const words: string[] = [];
  for (const raw of spaceUnspacedRuns(question.normalize('NFKC')).split(WORD_SEPARATOR)) {
    const clean = raw.replace(EDGE_PUNCTUATION, '');
    if (!clean) continue;
    if (!UNSPACED.test(clean)) {
      const negated = clean.replace(NEGATION, '');
      words.push(...(ENGLISH_COMPOUND.test(negated) ? negated.split('-') : [negated || clean]));
      continue;
    }
    for (const piece of clean.split(' ')) {
      if (!UNSPACED.test(piece)) words.push(piece);
      // An analyzer that keeps the run whole (an index of before word segmentation) judges it whole.
      else if (analyzer.analyze(piece).length <= 1) words.push(piece);
      else words.push(...unspacedWords(piece, analyzer.language === 'ja' ? 'ja' : 'zh', 'segmenter'));
    }
  }
  return words;
}

/**
 * The question cut into sentences (`Intl.Segmenter`, the locale's sentence rules), each marked `context`
 * when it sets the scene: every sentence but the questions (ending in "?"), or but the last when none does
 * ("Show the config that …").
 */
function sentences(question: string, language: string): { text: string; context: boolean }[] {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(language === 'und' ? 'en' : language, { granularity: 'sentence' });
  } catch {
    segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  }
  const texts = [...segmenter.segment(question)].map((piece) => piece.segment).filter((t) => t.trim());
  const asks = texts.map((text) => /[?？]\s*$/.test(text));
  if (!asks.includes(true) && asks.length > 0) asks[asks.length - 1] = true;
  return texts.map((text, index) => ({ text, context: !asks[index] }));
}

/**
 * The question's words, analysed as its locale's pages were. A hyphenated lowercase word ("third-party") is
 * a compound, judged by its parts; an identifier (`maxAge`, `pnpm.onlyBuiltDependencies`) is judged whole,
 * and is present when a plural/singular form or any of its dotted segments is indexed; a Chinese or Japanese
 * run is judged word by word.
 */
export function questionWords(question: string, analyzer: Analyzer = analyzerFor()): QuestionWord[] {
  const words: QuestionWord[] = [];
  for (const { text, context } of sentences(question, analyzer.language)) {
    const opening = words.length;
    for (const word of rawWords(text, analyzer)) {
      const whole = analyzer.analyze(word)[0];
      if (!whole) continue;
      const segments = word
        .split(/[./:@]+/)
        .filter((segment) => segment.length > 1)
        .map((segment) => analyzer.analyze(segment)[0])
        .filter((term): term is string => term !== undefined);
      words.push({
        word,
        // A capital that opens a sentence marks nothing.
        first: words.length === opening,
        context,
        variants: [
          ...new Set([
            whole,
            `${whole}s`,
            whole.replace(/s$/, ''),
            whole.replace(/y$/, 'ies'),
            whole.replace(/ies$/, 'y'),
          ]),
        ],
        segments: segments.length > 1 ? segments : [],
      });
    }
  }
  return words;
}

/** Every index term whose presence `answerabilityEvidence` needs (for a store that must look them up). */
export function presenceTerms(question: string, analyzer: Analyzer = analyzerFor()): string[] {
  return [
    ...new Set(questionWords(question, analyzer).flatMap((word) => [...word.variants, ...word.segments])),
  ];
}

/**
 * The evidence for one question: `present` says whether any indexed page (in the reader's locale and version)
 * has a term. Options: `weight` is a term's idf (1 where the store cannot know it); `analyzer` is the one the
 * locale's pages were indexed with (English by default); `bestSections` is the text of the best few sections,
 * where an identifier that is absent as a term but written inside a longer one (`maxAttempts` in
 * `client.opts.retry.maxAttempts`) is found.
 */
export function answerabilityEvidence(
  question: string,
  coverage: number,
  present: (term: string) => boolean,
  options: { weight?: (term: string) => number; analyzer?: Analyzer; bestSections?: string } = {},
): AnswerabilityEvidence {
  const weight = options.weight ?? (() => 1);
  const analyzer = options.analyzer ?? analyzerFor();
  const written = options.bestSections?.normalize('NFKC').toLowerCase() ?? '';
  let absentRarity = 0;
  let absentWeight = 0;
  let totalWeight = 0;
  const absentWords: string[] = [];
  for (const word of questionWords(question, analyzer)) {
    const term = word.variants[0]!;
    const termWeight = weight(term);
    totalWeight += termWeight;
    const absent =
      !word.variants.some(present) &&
      (word.segments.length === 0 || !word.segments.some(present)) &&
      !(IDENTIFIER.test(word.word) && written.includes(word.word.toLowerCase()));
    if (!absent) continue;
    absentWeight += termWeight;
    absentWords.push(word.word);
    if (!word.context)
      absentRarity = Math.max(absentRarity, focusRarity(word.word, analyzer.language, word.first));
  }
  return {
    coverage,
    absentRarity,
    absentShare: totalWeight > 0 ? absentWeight / totalWeight : 0,
    absentWords,
  };
}
