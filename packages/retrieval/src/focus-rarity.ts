import { englishRarity } from './english-rarity.js';
import { languageAnalysis } from './language-analysis.js';

const LATIN_WORD = /^[\p{Script=Latin}\p{M}\p{N}]+$/u;
const CODE_LIKE = /[./:@_$-]|\p{Ll}\p{Lu}|\p{N}/u;
/** Languages that capitalise every noun, where a capital letter does not mark a name. */
const CAPITALISED_NOUNS = new Set(['de', 'lb']);

/**
 * How rare a question word that no page contains is, 0..1, in the question's language: the answerability
 * signal that the docs lack what is asked about (a product, a feature), as opposed to a reader's own wording.
 * - English (and a locale with no language): its rarity in everyday English (`englishRarity`, SUBTLEX-US).
 * - Other languages have no maintained word-frequency list on npm, so only what names a thing counts as
 *   rare: identifiers and numbers; Latin words in a question written in another script (a product name in a
 *   Chinese question, "Terraform"); capitalised Latin words after the first in a language that does not
 *   capitalise its nouns. Those are judged by English rarity (borrowed technical words are English). Every
 *   other word of the language is its reader's own wording: 0. The share of absent words still counts.
 * @param first whether the word opens the question (a capital there marks nothing)
 */
export function focusRarity(word: string, language: string, first = false): number {
  if (language === 'en' || language === 'und') return englishRarity(word);
  if (CODE_LIKE.test(word)) return englishRarity(word);
  if (!LATIN_WORD.test(word)) return 0;
  if (!languageAnalysis(language).latin) return englishRarity(word);
  const capitalised = /^\p{Lu}/u.test(word) && !first && !CAPITALISED_NOUNS.has(language);
  return capitalised ? englishRarity(word) : 0;
}
