import { pagePath } from '@docent/retrieval';
import type { FeedbackEntry, LogEntry, QuestionEntry } from '../question-log/question-log.js';
import { clusterQuestions } from './cluster-questions.js';
import { type TokenPrices, type UsageDay, usagePerDay } from './usage-per-day.js';

export type UnansweredTopic = {
  /** The topic's most weighty words. */
  words: string[];
  count: number;
  /** Up to five questions, most typical first. */
  examples: string[];
  /** The pages nearest to these questions (where the missing docs probably belong), with how often. */
  nearestPages: { url: string; count: number }[];
};

export type QuestionReport = {
  generatedAt: string;
  totals: {
    questions: number;
    declined: number;
    declinedShare: number;
    errors: number;
    feedback: { up: number; down: number };
  };
  perDay: { day: string; questions: number; declined: number }[];
  /** The language model's tokens, steps, cut-off answers and (with prices) cost per day. */
  usagePerDay: UsageDay[];
  /** The prices the cost was computed with, when given. */
  prices?: TokenPrices;
  unansweredTopics: UnansweredTopic[];
  thumbsDown: {
    at: string;
    question: string | null;
    reason: string | null;
    answerId: string;
    sources: string[];
  }[];
  skippedLines: number;
};

/**
 * What a site owner learns from the log: questions per day and the declined share, the questions the docs
 * could not answer grouped into topics (with the nearest pages, where the missing docs probably belong),
 * and the answers readers marked wrong with their reasons. Pure: entries in, report out.
 */
export function questionReport(
  entries: readonly LogEntry[],
  options: { topics?: number; skippedLines?: number; now?: Date; prices?: TokenPrices } = {},
): QuestionReport {
  const questions = entries.filter((entry): entry is QuestionEntry => entry.type === 'question');
  const feedback = entries.filter((entry): entry is FeedbackEntry => entry.type === 'feedback');
  const byAnswer = new Map(questions.map((entry) => [entry.answerId, entry]));
  const declined = questions.filter((entry) => entry.declined);

  const days = new Map<string, { questions: number; declined: number }>();
  for (const entry of questions) {
    const day = entry.at.slice(0, 10);
    const counts = days.get(day) ?? { questions: 0, declined: 0 };
    counts.questions++;
    if (entry.declined) counts.declined++;
    days.set(day, counts);
  }

  const clusters = clusterQuestions(
    declined.map((entry) => entry.question),
    declined.map((entry) => entry.missingWords ?? []),
    declined.map((entry) => entry.locale),
  );
  const unansweredTopics = clusters.slice(0, options.topics ?? 20).map((cluster): UnansweredTopic => {
    const pages = new Map<string, number>();
    for (const member of cluster.members) {
      for (const source of declined[member]!.sources) {
        const page = pagePath(source.url);
        pages.set(page, (pages.get(page) ?? 0) + 1);
      }
    }
    const examples = [...new Set(cluster.members.map((member) => declined[member]!.question))].slice(0, 5);
    return {
      words: cluster.words,
      count: cluster.members.length,
      examples,
      nearestPages: [...pages.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 3)
        .map(([url, count]) => ({ url, count })),
    };
  });

  const thumbsDown = feedback
    .filter((entry) => entry.rating === 'down')
    .map((entry) => {
      const asked = byAnswer.get(entry.answerId);
      return {
        at: entry.at,
        question: asked?.question ?? null,
        reason: entry.reason,
        answerId: entry.answerId,
        sources: asked?.sources.map((source) => source.url) ?? [],
      };
    })
    .sort((a, b) => b.at.localeCompare(a.at));

  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    totals: {
      questions: questions.length,
      declined: declined.length,
      declinedShare:
        questions.length > 0 ? Math.round((declined.length / questions.length) * 1000) / 1000 : 0,
      errors: questions.filter((entry) => entry.outcome === 'error').length,
      feedback: {
        up: feedback.filter((entry) => entry.rating === 'up').length,
        down: thumbsDown.length,
      },
    },
    perDay: [...days.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([day, counts]) => ({ day, ...counts })),
    usagePerDay: usagePerDay(questions, options.prices),
    ...(options.prices ? { prices: options.prices } : {}),
    unansweredTopics,
    thumbsDown,
    skippedLines: options.skippedLines ?? 0,
  };
}
