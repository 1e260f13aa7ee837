import type { Metrics } from '../http/metrics.js';
import { enqueue, type LogEntry, type QuestionLog } from './question-log.js';
import { RotatingFile } from './rotating-file.js';

export type JsonlQuestionLogOptions = {
  path: string;
  /** Rotate when the file would grow past this (default 50 MB). */
  maxBytes?: number;
  /** Rotated files kept: `<path>.1` (newest) to `<path>.<keep>` (default 5). */
  keep?: number;
  /** Entries held while the file cannot be written (default 10,000); beyond it the oldest are dropped. */
  maxPending?: number;
  metrics: Metrics;
  log: (line: string) => void;
};

/**
 * The embedded question log: JSON lines appended to a file, rotated by size. Writes are queued and made
 * in order, one batch at a time; a failed write keeps its batch and retries with the next one.
 */
export class JsonlQuestionLog implements QuestionLog {
  readonly kind = 'jsonl';
  private pending: LogEntry[] = [];
  private writing: Promise<void> | null = null;
  private failing = false;
  private closing = false;

  private readonly file: RotatingFile;

  constructor(private readonly options: JsonlQuestionLogOptions) {
    this.file = new RotatingFile({
      path: options.path,
      maxBytes: options.maxBytes ?? 50 * 2 ** 20,
      keep: options.keep ?? 5,
    });
  }

  record(entry: LogEntry): void {
    enqueue(this.pending, entry, this.options.maxPending ?? 10_000, this.options.metrics);
    this.writing ??= this.drain();
  }

  async close(): Promise<void> {
    this.closing = true;
    while (this.writing) await this.writing;
    if (this.pending.length > 0) {
      this.options.log(
        `question log: ${this.pending.length} entries could not be written to ${this.options.path}`,
      );
      this.options.metrics.questionLogDropped.inc(this.pending.length);
      this.pending = [];
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.write(batch.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
          this.options.metrics.questionLogWritten.inc(batch.length);
          this.failing = false;
        } catch (error) {
          this.pending = [...batch, ...this.pending];
          this.options.metrics.questionLogFailures.inc();
          if (!this.failing)
            this.options.log(
              `question log: cannot write ${this.options.path}: ${(error as Error).message}; retrying`,
            );
          this.failing = true;
          if (this.closing) break;
          await new Promise((resolve) => setTimeout(resolve, 1000).unref());
        } finally {
          this.options.metrics.questionLogPending.set(this.pending.length);
        }
      }
    } finally {
      this.writing = null;
    }
  }

  private write(text: string): Promise<void> {
    return this.file.append(text);
  }
}
