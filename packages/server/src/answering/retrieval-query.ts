import { analyzerFor } from '@docent/retrieval';
import type { Turn } from './conversation.js';

/** Questions this short, or that lean on an earlier turn, are read together with the previous question. */
const FOLLOW_UP =
  /^(and|or|but|also|what about|how about|then|so|same|that|this|it|they|those|these)\b|\b(it|that|this|those|them|they|one|instead|too)\b/i;
const SALIENT_TERMS = 8;

/**
 * The text to search for, without an LLM: the question itself, plus (for a follow-up) the words of the
 * previous user turn that the new question does not already have, plus the reader's selection. Words are
 * compared as the reader's locale analyses them.
 */
export function retrievalQuery(
  question: string,
  history: readonly Turn[],
  selection?: string,
  locale?: string,
): string {
  const { analyze } = analyzerFor(locale);
  const parts = [question];
  const previous = [...history].reverse().find((turn) => turn.role === 'user');
  const terms = analyze(question);
  if (previous && (terms.length <= 4 || FOLLOW_UP.test(question.trim()))) {
    const own = new Set(terms);
    const carried = previous.content
      .split(/\s+/)
      .filter((word) => analyze(word).some((term) => !own.has(term)))
      .slice(0, SALIENT_TERMS);
    parts.push(carried.join(' '));
  }
  if (selection?.trim()) parts.push(selection.trim().slice(0, 500));
  return parts.join('\n');
}
