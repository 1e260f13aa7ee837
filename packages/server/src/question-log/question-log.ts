import type { CutOffReason } from '@docent/protocol';
import type { AnswerReport } from '../answering/answer-stream.js';
import type { AnswerUsage } from '../answering/answer-tally.js';
import type { PreparedAnswer } from '../answering/prepare-answer.js';
import type { Metrics } from '../http/metrics.js';
import { redactPage, redactSecrets } from './redact-secrets.js';

/** One question as the log keeps it: no IP address, no cookie; the text with secrets redacted. */
export type QuestionEntry = {
  type: 'question';
  at: string;
  /** The answer's id (the stream's `start` part): feedback names it. */
  answerId: string;
  question: string;
  locale: string | null;
  version: string | null;
  /** The page the reader asked from. */
  page: string | null;
  /** Where the question came from: the widget (`chat`, the default) or an MCP client (`mcp`). */
  channel?: 'chat' | 'mcp';
  /** How the answer ended: `ok`, `error` or `aborted` (the reader left). */
  outcome: string;
  declined: boolean;
  declinedBy?: 'retrieval' | 'model';
  /** The answerability score the decline was decided on. */
  score: number;
  /** The sources the answer could cite; those a step of agentic retrieval found have `step: true`. */
  sources: { url: string; score: number; step?: true }[];
  /** Why the answer was cut off, when it was (the reader was told). */
  cutOff?: CutOffReason;
  /** With an LLM: the model, its tokens, calls and time, the steps, and retrieval's time apart. */
  usage?: AnswerUsage;
  /** Question words no page contains: what the docs miss (the report groups declined questions by them). */
  missingWords: string[];
};

/** A reader's rating of an answer, joined to its question through `answerId`. */
export type FeedbackEntry = {
  type: 'feedback';
  at: string;
  answerId: string;
  rating: 'up' | 'down';
  reason: string | null;
};

export type LogEntry = QuestionEntry | FeedbackEntry;

/**
 * Where questions and feedback go (`--question-log`). `record` never throws and never waits: a log that is
 * slow or down must not slow or break an answer. Failures are counted in `/metrics` and retried.
 */
export interface QuestionLog {
  readonly kind: 'jsonl' | 'postgres';
  record(entry: LogEntry): void;
  /** Writes what is pending (as far as it can) and releases the target. */
  close(): Promise<void>;
}

/**
 * Adds an entry to a log's pending entries, dropping the oldest beyond `maxPending` (a target that stays down
 * must not grow the process without bound), and keeps the pending and dropped metrics current.
 */
export function enqueue(pending: LogEntry[], entry: LogEntry, maxPending: number, metrics: Metrics): void {
  pending.push(entry);
  const overflow = pending.length - maxPending;
  if (overflow > 0) {
    pending.splice(0, overflow);
    metrics.questionLogDropped.inc(overflow);
  }
  metrics.questionLogPending.set(pending.length);
}

/** The log entry for an answered (or failed, or abandoned) question, secrets redacted. */
export function questionEntry(
  prepared: PreparedAnswer,
  asked: { answerId: string; page: string | null; channel: 'chat' | 'mcp' },
  outcome: string,
  result: AnswerReport,
): QuestionEntry {
  const first = new Map(
    prepared.sources.map((source, index) => [source.url, prepared.sourceScores[index] ?? 0]),
  );
  return {
    type: 'question',
    at: new Date().toISOString(),
    answerId: asked.answerId,
    question: redactSecrets(prepared.conversation.question),
    // The locale searched, or (an index of one locale is searched unfiltered) the locale of the pages found.
    locale: prepared.filter.locale ?? prepared.sources[0]?.locale ?? null,
    version: prepared.filter.version ?? null,
    page: asked.page === null ? null : redactPage(asked.page),
    ...(asked.channel === 'mcp' ? { channel: 'mcp' as const } : {}),
    outcome,
    declined: result.declined,
    ...(result.declinedBy ? { declinedBy: result.declinedBy } : {}),
    score: prepared.topScore,
    missingWords: prepared.missingWords.map(redactSecrets),
    sources: result.sources.map((source) =>
      first.has(source.url)
        ? { url: source.url, score: Math.round(first.get(source.url)! * 1000) / 1000 }
        : { url: source.url, score: 0, step: true as const },
    ),
    ...(result.cutOff ? { cutOff: result.cutOff } : {}),
    ...(result.usage ? { usage: result.usage } : {}),
  };
}
