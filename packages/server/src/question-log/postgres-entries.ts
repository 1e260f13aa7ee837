import type pg from 'pg';
import type { FeedbackEntry, LogEntry, QuestionEntry } from './question-log.js';

/** The tables the log writes and the report reads; created on start (and again until that succeeds). */
export const QUESTION_LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS docent_questions (
  answer_id text PRIMARY KEY,
  at timestamptz NOT NULL,
  question text NOT NULL,
  locale text,
  version text,
  page text,
  outcome text NOT NULL,
  declined boolean NOT NULL,
  declined_by text,
  score real NOT NULL,
  sources jsonb NOT NULL,
  missing_words jsonb NOT NULL DEFAULT '[]'
);
ALTER TABLE docent_questions ADD COLUMN IF NOT EXISTS cut_off text;
ALTER TABLE docent_questions ADD COLUMN IF NOT EXISTS usage jsonb;
CREATE INDEX IF NOT EXISTS docent_questions_at ON docent_questions (at);
CREATE TABLE IF NOT EXISTS docent_feedback (
  id bigserial PRIMARY KEY,
  answer_id text NOT NULL,
  at timestamptz NOT NULL,
  rating text NOT NULL,
  reason text
);
CREATE INDEX IF NOT EXISTS docent_feedback_answer ON docent_feedback (answer_id);
`;

/** Writes `batch` in one transaction (multi-row INSERTs); a refused value rolls it back and is thrown. */
export async function insertEntries(client: pg.Client, batch: LogEntry[]): Promise<void> {
  const questions = batch.filter((entry): entry is QuestionEntry => entry.type === 'question');
  const feedback = batch.filter((entry): entry is FeedbackEntry => entry.type === 'feedback');
  try {
    await client.query('BEGIN');
    if (questions.length > 0) {
      await client.query(
        `INSERT INTO docent_questions (answer_id, at, question, locale, version, page, outcome, declined, declined_by, score, sources, missing_words, cut_off, usage)
         VALUES ${placeholders(questions.length, 14)} ON CONFLICT (answer_id) DO NOTHING`,
        questions.flatMap((entry) => [
          entry.answerId,
          entry.at,
          entry.question,
          entry.locale,
          entry.version,
          entry.page,
          entry.outcome,
          entry.declined,
          entry.declinedBy ?? null,
          entry.score,
          JSON.stringify(entry.sources),
          JSON.stringify(entry.missingWords ?? []),
          entry.cutOff ?? null,
          entry.usage ? JSON.stringify(entry.usage) : null,
        ]),
      );
    }
    if (feedback.length > 0) {
      await client.query(
        `INSERT INTO docent_feedback (answer_id, at, rating, reason) VALUES ${placeholders(feedback.length, 4)}`,
        feedback.flatMap((entry) => [entry.answerId, entry.at, entry.rating, entry.reason]),
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    if (isDataError(error)) await client.query('ROLLBACK');
    throw error;
  }
}

/** A value the database refuses (SQLSTATE class 22 data exception, 23 integrity), not a failure to reach it. */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

/** `($1, $2), ($3, $4)` for `rows` rows of `columns` parameters. */
function placeholders(rows: number, columns: number): string {
  return Array.from(
    { length: rows },
    (_, row) =>
      `(${Array.from({ length: columns }, (_, column) => `$${row * columns + column + 1}`).join(', ')})`,
  ).join(', ');
}
