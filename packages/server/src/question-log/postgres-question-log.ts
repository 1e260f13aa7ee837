import pg from 'pg';
import type { Metrics } from '../http/metrics.js';
import { insertEntries, isDataError, QUESTION_LOG_SCHEMA } from './postgres-entries.js';
import type { LogEntry, QuestionLog } from './question-log.js';

export type PostgresQuestionLogOptions = {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /** Entries written in one INSERT batch (default 100). */
  batchSize?: number;
  /** How often pending entries are written (default 1 s). */
  flushMs?: number;
  /** Entries held while the database is down (default 10,000); beyond it the oldest are dropped. */
  maxPending?: number;
  /** Bytes (of the entries as JSON) held while the database is down (default 16 MiB); same rule. */
  maxPendingBytes?: number;
  /** Longest wait for one connection or query (default 5 s); `close` waits at most twice this. */
  timeoutMs?: number;
  metrics: Metrics;
  log: (line: string) => void;
};

/**
 * The question log for many replicas: entries are buffered in memory (bounded by count and by bytes) and
 * written in batches (one transaction, multi-row INSERTs) every `flushMs`, over one connection that is
 * reused, and replaced only after a failure (never more often than the retry delay, which doubles up to
 * 30 s). When the database is down or stalled nothing waits on it: the batch stays pending, the failure is
 * counted, and a later flush retries. A batch the database refuses for its data (a NUL character, SQLSTATE
 * class 22 or 23) is written entry by entry, so the one bad entry is dropped and counted
 * (`docent_question_log_rejected_total`) and never blocks the others.
 */
export class PostgresQuestionLog implements QuestionLog {
  readonly kind = 'postgres';
  private client: pg.Client | null = null;
  private pending: { entry: LogEntry; bytes: number }[] = [];
  private pendingBytes = 0;
  private schemaReady = false;
  private flushing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private failing = false;
  private retryAt = 0;
  private retryDelayMs = 0;
  private readonly timeoutMs: number;

  constructor(private readonly options: PostgresQuestionLogOptions) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? 1000);
    this.timer.unref();
    void this.flush();
  }

  record(entry: LogEntry): void {
    const bytes = Buffer.byteLength(JSON.stringify(entry));
    this.pending.push({ entry, bytes });
    this.pendingBytes += bytes;
    const maxEntries = this.options.maxPending ?? 10_000;
    const maxBytes = this.options.maxPendingBytes ?? 16 * 2 ** 20;
    let dropped = 0;
    while (this.pending.length > maxEntries || (this.pendingBytes > maxBytes && this.pending.length > 0)) {
      this.pendingBytes -= this.pending.shift()!.bytes;
      dropped++;
    }
    if (dropped > 0) this.options.metrics.questionLogDropped.inc(dropped);
    this.options.metrics.questionLogPending.set(this.pending.length);
    if (this.pending.length >= (this.options.batchSize ?? 100)) void this.flush();
  }

  /** Writes what is pending (one attempt, bounded by twice `timeoutMs`), then closes the connection. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.retryAt = 0;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.timeoutMs * 2);
    });
    await Promise.race([this.flush(), deadline]);
    clearTimeout(timer);
    if (this.pending.length > 0) {
      this.options.log(`question log: ${this.pending.length} entries could not be written to PostgreSQL`);
      this.options.metrics.questionLogDropped.inc(this.pending.length);
      this.pending = [];
      this.pendingBytes = 0;
    }
    this.disconnect();
  }

  /** Writes pending entries in batches until none are left or a batch fails. */
  flush(): Promise<void> {
    if (Date.now() < this.retryAt) return this.flushing ?? Promise.resolve();
    this.flushing ??= this.writeAll().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async writeAll(): Promise<void> {
    try {
      const client = await this.connection();
      if (!this.schemaReady) {
        await client.query(QUESTION_LOG_SCHEMA);
        this.schemaReady = true;
      }
      while (this.pending.length > 0) {
        const batch = this.pending.slice(0, this.options.batchSize ?? 100);
        let written = batch.length;
        try {
          await insertEntries(
            client,
            batch.map((item) => item.entry),
          );
        } catch (error) {
          if (!isDataError(error)) throw error;
          written = await this.writeOneByOne(
            client,
            batch.map((item) => item.entry),
          );
        }
        // Entries dropped for overflow meanwhile shift the front; remove exactly the batch handled.
        const handled = new Set(batch);
        this.pending = this.pending.filter((item) => !handled.has(item));
        for (const item of batch) this.pendingBytes -= item.bytes;
        this.options.metrics.questionLogWritten.inc(written);
        this.options.metrics.questionLogPending.set(this.pending.length);
      }
      if (this.failing) this.options.log('question log: PostgreSQL is writable again');
      this.failing = false;
      this.retryDelayMs = 0;
    } catch (error) {
      this.failed(error as Error);
    }
  }

  /** A batch the database refused for its data, one entry at a time: each refused one is dropped and counted. */
  private async writeOneByOne(client: pg.Client, entries: LogEntry[]): Promise<number> {
    let written = 0;
    for (const entry of entries) {
      try {
        await insertEntries(client, [entry]);
        written++;
      } catch (error) {
        if (!isDataError(error)) throw error;
        this.options.metrics.questionLogRejected.inc();
        this.options.log(
          `question log: PostgreSQL refused one ${entry.type} entry (${(error as Error).message}); it is dropped, the others are written`,
        );
      }
    }
    return written;
  }

  /** The one connection, opened when there is none (after a failure, once the retry delay has passed). */
  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: this.timeoutMs,
      query_timeout: this.timeoutMs,
    });
    // A connection that breaks (the database restarted) must not take the process down.
    client.on('error', (error) => {
      if (this.client === client) this.disconnect();
      this.failed(error);
    });
    try {
      await client.connect();
    } catch (error) {
      void client.end().catch(() => {});
      throw error;
    }
    this.client = client;
    return client;
  }

  private disconnect(): void {
    const client = this.client;
    this.client = null;
    if (!client) return;
    // `end` waits for the server, which may be stalled: the socket is destroyed instead.
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    void client.end().catch(() => {});
  }

  private failed(error: Error): void {
    this.options.metrics.questionLogFailures.inc();
    this.disconnect();
    this.retryDelayMs = Math.min(30_000, Math.max(1000, this.retryDelayMs * 2));
    this.retryAt = Date.now() + this.retryDelayMs;
    if (!this.failing) {
      this.options.log(
        `question log: PostgreSQL write failed (${error.message}); ${this.pending.length} entries kept, retrying`,
      );
    }
    this.failing = true;
  }
}
