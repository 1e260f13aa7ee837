import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  ENGLISH_ONLY_INDEX_FORMAT_VERSION,
  INDEX_FORMAT,
  INDEX_FORMAT_VERSION,
  type IndexHeader,
  IndexImage,
  memoryBytes,
} from './index-image.js';
import { type LegacyIndex, readLegacyIndex } from './legacy-index-file.js';
import type { PackedIndex } from './pack-index.js';
import { recordsInFile } from './record-source.js';
import { StoreError } from './store-error.js';

/** The last format whose files are still read (with a note to re-index). */
export const LEGACY_INDEX_FORMAT_VERSION = 1;

export type IndexFile = { kind: 'image'; image: IndexImage } | ({ kind: 'legacy' } & LegacyIndex);

const REBUILD =
  'Re-run the indexer (`pnpm run index`) to write it again; a server keeps serving the index it had.';
/** The header line is at most this long (it holds the index info and the section table). */
const MAX_HEADER_BYTES = 1 << 20;
/** The body is read, and checksummed, in pieces of this size: the event loop turns between them. */
const READ_BYTES = 16 << 20;

/**
 * Writes a packed index atomically: a JSON header line (format, version, sections, size and checksum of
 * the body), padded so the body starts at a multiple of 8 bytes, then the body. Written to a temporary
 * file in the same folder, flushed, then renamed over the target, so a reader sees the old file or the
 * new one.
 */
export async function writeIndexFile(path: string, packed: PackedIndex): Promise<void> {
  const line = JSON.stringify(packed.header);
  const padding = (8 - ((Buffer.byteLength(line) + 1) % 8)) % 8;
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await open(temporary, 'w');
  try {
    await handle.write(`${line}${' '.repeat(padding)}\n`);
    await handle.write(packed.body);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
}

/**
 * Reads and verifies an index file: the body is read in pieces and checksummed as it arrives; all but the
 * chunk records stay in memory and are viewed in place (no parsing of chunks); records are read from the
 * file when a search returns them (close the image to release the file). A format 1 file is read the old way. Any damage is
 * a `store:corrupt-index` error that names the file and says to re-run the indexer.
 */
export async function readIndexFile(path: string): Promise<IndexFile> {
  const corrupt = (problem: string, cause?: unknown) =>
    new StoreError('store:corrupt-index', `The index file ${path} ${problem}. ${REBUILD}`, { cause });
  const handle = await open(path, 'r');
  let kept = false;
  try {
    const { size } = await handle.stat();
    const start = Buffer.alloc(Math.min(size, MAX_HEADER_BYTES));
    await handle.read(start, 0, start.length, 0);
    const newline = start.indexOf(0x0a);
    if (newline < 0) throw corrupt('has no header line (it is empty, truncated or not a Docent index)');
    let header: IndexHeader;
    try {
      header = JSON.parse(start.subarray(0, newline).toString('utf8'));
    } catch {
      throw corrupt('does not start with a Docent index header');
    }
    if (header?.format !== INDEX_FORMAT) throw corrupt('is not a Docent index');
    const bodyStart = newline + 1;
    if (header.formatVersion === LEGACY_INDEX_FORMAT_VERSION) {
      const body = Buffer.alloc(size - bodyStart);
      await handle.read(body, 0, body.length, bodyStart);
      return { kind: 'legacy', ...readLegacyIndex(header, body, corrupt) };
    }
    if (
      header.formatVersion !== INDEX_FORMAT_VERSION &&
      header.formatVersion !== ENGLISH_ONLY_INDEX_FORMAT_VERSION
    ) {
      throw corrupt(
        `has format version ${header.formatVersion}, and this Docent reads versions ${LEGACY_INDEX_FORMAT_VERSION} to ${INDEX_FORMAT_VERSION}`,
      );
    }
    if (header.endianness !== 'LE')
      throw corrupt(`has byte order ${header.endianness}; this Docent reads LE`);
    if (size - bodyStart !== header.bodyBytes) {
      throw corrupt(
        `is truncated or padded (body is ${size - bodyStart} bytes, the header says ${header.bodyBytes})`,
      );
    }
    // Everything before the records (the last section) is kept in memory: its own ArrayBuffer, never
    // the shared pool, so the typed-array sections are aligned. The records are read only to be checksummed.
    const [recordsAt, recordsBytes] = header.sections?.records ?? [-1, -1];
    if (recordsAt < 0 || recordsAt + recordsBytes !== header.bodyBytes) {
      throw corrupt('is damaged (its records are not the last section)');
    }
    // Format 3 also leaves its float32 vectors on disk (they re-score the best int8 matches).
    const inMemory = Math.min(memoryBytes(header), recordsAt);
    const body = Buffer.allocUnsafeSlow(inMemory);
    const scratch = Buffer.allocUnsafe(Math.min(READ_BYTES, header.bodyBytes - inMemory));
    const hash = createHash('sha256');
    for (let at = 0; at < header.bodyBytes; ) {
      const into = at < inMemory ? body : scratch;
      const offset = at < inMemory ? at : 0;
      const length = Math.min(READ_BYTES, at < inMemory ? inMemory - at : header.bodyBytes - at);
      const { bytesRead } = await handle.read(into, offset, length, bodyStart + at);
      if (bytesRead !== length) throw corrupt('was cut short while it was being read');
      hash.update(into.subarray(offset, offset + length));
      at += length;
    }
    if (hash.digest('hex') !== header.sha256) throw corrupt('is damaged (its checksum does not match)');
    try {
      const image = new IndexImage(
        header,
        body,
        recordsInFile(handle, bodyStart, inMemory, header.bodyBytes),
      );
      kept = true;
      return { kind: 'image', image };
    } catch (error) {
      throw corrupt(`is damaged (${(error as Error).message})`, error);
    }
  } finally {
    // On success the image owns the handle (it reads records from it).
    if (!kept) await handle.close();
  }
}
