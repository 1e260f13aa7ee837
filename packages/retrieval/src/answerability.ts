import { analyze } from './analyzer.js';
import { englishRarity } from './english-rarity.js';

/**
 * What the answerability decision reads, computed by every store for its best hit. All three are
 * comparable across questions and sites (the decline model is fitted on several corpora at once).
 */
export type AnswerabilityEvidence = {
  /** Share of the question's terms (idf-weighted where the store knows idf) found in the best three sections. */
  coverage: number;
  /**
   * The English rarity (0..1) of the rarest question word that no indexed page contains: a question about
   * "telemetry" or "IndexedDB" on docs that never mention them. 0 when every word occurs somewhere.
   */
  absentRarity: number;
  /** Share of the question's terms (idf-weighted where known) that no indexed page contains. */
  absentShare: number;
  /** The question words no page contains (shown in logs and the eval). */
  absentWords: string[];
};

/** One word of the question, with the index terms that decide whether the docs contain it. */
type QuestionWord = { word: string; variants: string[]; segments: string[] };

const WORD_SEPARATOR = /[\s,;!?()"'“”‘’]+/;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const ENGLISH_COMPOUND = /^\p{Ll}+(?:-\p{Ll}+)+$/u;

/**
 * The question's words. A hyphenated lowercase word ("third-party") is an English compound, judged by its
 * parts; an identifier (`maxAge`, `pnpm.onlyBuiltDependencies`) is judged whole, and is present when a
 * plural/singular form or any of its dotted segments is indexed.
 */
export function questionWords(question: string): QuestionWord[] {
  const words: QuestionWord[] = [];
  for (const raw of question.split(WORD_SEPARATOR)) {
    const clean = raw.replace(EDGE_PUNCTUATION, '');
    if (!clean) continue;
    for (const word of ENGLISH_COMPOUND.test(clean) ? clean.split('-') : [clean]) {
      const whole = analyze(word)[0];
      if (!whole) continue;
      const segments = word
        .split(/[./:@]+/)
        .filter((segment) => segment.length > 1)
        .map((segment) => analyze(segment)[0])
        .filter((term): term is string => term !== undefined);
      words.push({
        word,
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
export function presenceTerms(question: string): string[] {
  return [...new Set(questionWords(question).flatMap((word) => [...word.variants, ...word.segments]))];
}

/**
 * The evidence for one question: `present` says whether any indexed page (in the reader's locale and version)
 * has a term; `weight` is its idf, or 1 where the store cannot know it.
 */
export function answerabilityEvidence(
  question: string,
  coverage: number,
  present: (term: string) => boolean,
  weight: (term: string) => number = () => 1,
): AnswerabilityEvidence {
  let absentRarity = 0;
  let absentWeight = 0;
  let totalWeight = 0;
  const absentWords: string[] = [];
  for (const word of questionWords(question)) {
    const term = word.variants[0]!;
    const termWeight = weight(term);
    totalWeight += termWeight;
    const absent =
      !word.variants.some(present) && (word.segments.length === 0 || !word.segments.some(present));
    if (!absent) continue;
    absentWeight += termWeight;
    absentWords.push(word.word);
    absentRarity = Math.max(absentRarity, englishRarity(word.word));
  }
  return {
    coverage,
    absentRarity,
    absentShare: totalWeight > 0 ? absentWeight / totalWeight : 0,
    absentWords,
  };
}
