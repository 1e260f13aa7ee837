import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * Where the on-disk sections (float32 vectors, chunk records) are read from: the body in memory, or the
 * index file. Offsets are the body's.
 */
export type RecordSource = {
  /** Where the body's on-disk part starts. */
  readonly start: number;
  readonly end: number;
  read(start: number, end: number): Buffer;
  /** Reads `into.length` bytes from body offset `start` into `into` (no allocation: the hot path). */
  readInto(start: number, into: Uint8Array): void;
  close(): Promise<void>;
};

/** The whole body held in memory (a freshly packed index). */
export function recordsInMemory(body: Buffer): RecordSource {
  return {
    start: 0,
    end: body.length,
    read: (start, end) => body.subarray(start, end),
    readInto: (start, into) => into.set(body.subarray(start, start + into.length)),
    close: async () => {},
  };
}

/**
 * The on-disk part of a body (from body offset `start`), read from an open index file as searches need it:
 * texts and float vectors stay on disk (in the page cache), not in the process. The handle keeps the file
 * that was verified readable even after the indexer renames a new one over it; `close` releases it when the
 * index is replaced.
 * @param position where the body starts in the file
 */
export function recordsInFile(
  handle: FileHandle,
  position: number,
  start: number,
  end: number,
): RecordSource {
  let closed = false;
  return {
    start,
    end,
    read(from, to) {
      const record = Buffer.allocUnsafe(to - from);
      this.readInto(from, record);
      return record;
    },
    readInto(from, into) {
      if (closed) throw new Error('the index file was closed (the index was replaced)');
      const read = readSync(handle.fd, into, 0, into.length, position + from);
      if (read !== into.length) throw new Error('the index file is shorter than when it was loaded');
    },
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}
