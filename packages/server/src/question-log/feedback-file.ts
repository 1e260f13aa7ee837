import { RotatingFile } from './rotating-file.js';

export const FEEDBACK_FILE_MAX_BYTES = 10 * 2 ** 20;
export const FEEDBACK_FILES_KEPT = 3;

/**
 * `--feedback-file`: ratings as JSON lines, written one at a time in arrival order and rotated at 10 MB
 * (three old files kept), so a flood of ratings costs at most about 40 MB of disk.
 */
export class FeedbackFile {
  private readonly file: RotatingFile;
  private queue: Promise<void> = Promise.resolve();

  constructor(path: string, options: { maxBytes?: number; keep?: number } = {}) {
    this.file = new RotatingFile({
      path,
      maxBytes: options.maxBytes ?? FEEDBACK_FILE_MAX_BYTES,
      keep: options.keep ?? FEEDBACK_FILES_KEPT,
    });
  }

  append(record: unknown): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const written = this.queue.then(() => this.file.append(line));
    this.queue = written.catch(() => {});
    return written;
  }
}
