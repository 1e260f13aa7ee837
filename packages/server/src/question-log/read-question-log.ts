import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { z } from 'zod';
import type { FeedbackEntry, LogEntry, QuestionEntry } from './question-log.js';

export type LogContents = { entries: LogEntry[]; skippedLines: number };

/**
 * What the report reads of a line: a line without these fields, or with another type in one, is not a log
 * entry (it is skipped and counted, never a crash). Other fields pass through as they are.
 */
const LOG_ENTRY = z.union([
  z.looseObject({
    type: z.literal('question'),
    at: z.string(),
    answerId: z.string(),
    question: z.string(),
    outcome: z.string(),
    declined: z.boolean(),
    sources: z.array(z.looseObject({ url: z.string() })),
    missingWords: z.array(z.string()).optional(),
  }),
  z.looseObject({
    type: z.literal('feedback'),
    at: z.string(),
    answerId: z.string(),
    rating: z.enum(['up', 'down']),
    reason: z.string().nullable().optional(),
  }),
]);

/**
 * Reads a question log back: a JSONL file with its rotated files (`<path>.5` … `<path>.1`, then `<path>`,
 * oldest first), or the tables in PostgreSQL. A line that is not a log entry is skipped and counted.
 */
export async function readQuestionLog(source: string): Promise<LogContents> {
  return /^postgres(?:ql)?:\/\//i.test(source) ? readPostgres(source) : readFiles(source);
}

async function readFiles(path: string): Promise<LogContents> {
  const rotated = [9, 8, 7, 6, 5, 4, 3, 2, 1].map((generation) => `${path}.${generation}`).filter(existsSync);
  if (!existsSync(path) && rotated.length === 0) {
    throw new Error(`No question log at ${path}. Start docent-server with --question-log ${path} first.`);
  }
  const entries: LogEntry[] = [];
  let skippedLines = 0;
  for (const file of [...rotated, ...(existsSync(path) ? [path] : [])]) {
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = LOG_ENTRY.safeParse(JSON.parse(line));
        if (entry.success) entries.push(entry.data as LogEntry);
        else skippedLines++;
      } catch {
        skippedLines++;
      }
    }
  }
  return { entries, skippedLines };
}

async function readPostgres(url: string): Promise<LogContents> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const questions = await client.query(
      'SELECT answer_id, at, question, locale, version, page, outcome, declined, declined_by, score, sources, missing_words, cut_off, usage FROM docent_questions ORDER BY at',
    );
    const feedback = await client.query(
      'SELECT answer_id, at, rating, reason FROM docent_feedback ORDER BY at',
    );
    const entries: LogEntry[] = [
      ...questions.rows.map(
        (row): QuestionEntry => ({
          type: 'question',
          at: new Date(row.at).toISOString(),
          answerId: row.answer_id,
          question: row.question,
          locale: row.locale,
          version: row.version,
          page: row.page,
          outcome: row.outcome,
          declined: row.declined,
          ...(row.declined_by ? { declinedBy: row.declined_by } : {}),
          score: row.score,
          sources: row.sources,
          missingWords: row.missing_words ?? [],
          ...(row.cut_off ? { cutOff: row.cut_off } : {}),
          ...(row.usage ? { usage: row.usage } : {}),
        }),
      ),
      ...feedback.rows.map(
        (row): FeedbackEntry => ({
          type: 'feedback',
          at: new Date(row.at).toISOString(),
          answerId: row.answer_id,
          rating: row.rating,
          reason: row.reason,
        }),
      ),
    ];
    return { entries, skippedLines: 0 };
  } finally {
    await client.end();
  }
}
