import pg from 'pg';
import type { Metrics } from './metrics.js';
import {
  enqueue,
  type FeedbackEntry,
  type LogEntry,
  type QuestionEntry,
  type QuestionLog,
} from './question-log.js';

export type PostgresQuestionLogOptions = {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /** Entries written in one INSERT batch (default 100). */
  batchSize?: number;
  /** How often pending entries are written (default 1 s). */
  flushMs?: number;
  /** Entries held while the database is down (default 10,000); beyond it the oldest are dropped. */
  maxPending?: number;
  metrics: Metrics;
  log: (line: string) => void;
};

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

/**
 * The question log for many replicas: entries are buffered in memory and written in batches (one
 * transaction, multi-row INSERTs) every `flushMs`. When the database is down nothing waits on it: the
 * batch stays pending, the failure is counted, and the next flush retries.
 */
export class PostgresQuestionLog implements QuestionLog {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;
  private pending: LogEntry[] = [];
  private schemaReady = false;
  private flushing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private failing = false;

  constructor(private readonly options: PostgresQuestionLogOptions) {
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: 2,
      connectionTimeoutMillis: 2000,
      idleTimeoutMillis: 10_000,
    });
    // An idle connection that breaks (the database restarted) must not take the process down.
    this.pool.on('error', (error) => this.failed(error));
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? 1000);
    this.timer.unref();
    void this.flush();
  }

  record(entry: LogEntry): void {
    enqueue(this.pending, entry, this.options.maxPending ?? 10_000, this.options.metrics);
    if (this.pending.length >= (this.options.batchSize ?? 100)) void this.flush();
  }

  /** Writes what is pending (one attempt per batch), then closes the pool. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    if (this.pending.length > 0) {
      this.options.log(`question log: ${this.pending.length} entries could not be written to PostgreSQL`);
      this.options.metrics.questionLogDropped.inc(this.pending.length);
      this.pending = [];
    }
    await this.pool.end();
  }

  /** Writes pending entries in batches until none are left or a batch fails. */
  flush(): Promise<void> {
    this.flushing ??= this.writeAll().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async writeAll(): Promise<void> {
    try {
      if (!this.schemaReady) {
        await this.pool.query(QUESTION_LOG_SCHEMA);
        this.schemaReady = true;
      }
      while (this.pending.length > 0) {
        const batch = this.pending.slice(0, this.options.batchSize ?? 100);
        await this.write(batch);
        // Entries dropped for overflow meanwhile shift the front; remove exactly the batch written.
        this.pending = this.pending.filter((entry) => !batch.includes(entry));
        this.options.metrics.questionLogWritten.inc(batch.length);
        this.options.metrics.questionLogPending.set(this.pending.length);
      }
      if (this.failing) this.options.log('question log: PostgreSQL is writable again');
      this.failing = false;
    } catch (error) {
      this.failed(error as Error);
    }
  }

  private failed(error: Error): void {
    this.options.metrics.questionLogFailures.inc();
    if (!this.failing) {
      this.options.log(
        `question log: PostgreSQL write failed (${error.message}); ${this.pending.length} entries kept, retrying`,
      );
    }
    this.failing = true;
  }

  private async write(batch: LogEntry[]): Promise<void> {
    const questions = batch.filter((entry): entry is QuestionEntry => entry.type === 'question');
    const feedback = batch.filter((entry): entry is FeedbackEntry => entry.type === 'feedback');
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (questions.length > 0) {
        await client.query(
          `INSERT INTO docent_questions (answer_id, at, question, locale, version, page, outcome, declined, declined_by, score, sources, missing_words)
           VALUES ${placeholders(questions.length, 12)} ON CONFLICT (answer_id) DO NOTHING`,
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
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

/** `($1, $2), ($3, $4)` for `rows` rows of `columns` parameters. */
function placeholders(rows: number, columns: number): string {
  return Array.from(
    { length: rows },
    (_, row) =>
      `(${Array.from({ length: columns }, (_, column) => `$${row * columns + column + 1}`).join(', ')})`,
  ).join(', ');
}
