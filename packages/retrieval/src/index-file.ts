import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { chunkSchema, type StoredChunk } from '@docent/protocol';
import type { IndexInfo } from './store.js';
import { StoreError } from './store-error.js';

export const INDEX_FORMAT = 'docent-index';
export const INDEX_FORMAT_VERSION = 1;

type Header = {
  format: string;
  formatVersion: number;
  info: IndexInfo;
  chunkCount: number;
  bodyBytes: number;
  sha256: string;
};

type StoredRecord = Omit<StoredChunk, 'vector'> & { vector?: string };

export type IndexFileContents = { info: IndexInfo; chunks: StoredChunk[] };

const REBUILD =
  'Re-run the indexer (`pnpm run index`) to write it again; a server keeps serving the index it had.';

/**
 * Writes an index file atomically: a header line (format, version, size and checksum of the body),
 * then the body (one JSON array of chunks, vectors as base64 float32). Written to a temporary file in the
 * same folder, flushed, then renamed over the target, so a reader sees the old file or the new one.
 */
export async function writeIndexFile(path: string, contents: IndexFileContents): Promise<void> {
  const records: StoredRecord[] = contents.chunks.map(({ vector, ...chunk }) =>
    vector ? { ...chunk, vector: Buffer.from(Float32Array.from(vector).buffer).toString('base64') } : chunk,
  );
  const body = Buffer.from(JSON.stringify(records));
  const header: Header = {
    format: INDEX_FORMAT,
    formatVersion: INDEX_FORMAT_VERSION,
    info: contents.info,
    chunkCount: records.length,
    bodyBytes: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await open(temporary, 'w');
  try {
    await handle.write(`${JSON.stringify(header)}\n`);
    await handle.write(body);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
}

/** Reads and verifies an index file; any damage is a `store:corrupt-index` error that names the file. */
export async function readIndexFile(path: string): Promise<IndexFileContents> {
  const raw = await readFile(path);
  const corrupt = (problem: string) =>
    new StoreError('store:corrupt-index', `The index file ${path} ${problem}. ${REBUILD}`);
  const newline = raw.indexOf(0x0a);
  if (newline < 0) throw corrupt('has no header line (it is empty, truncated or not a Docent index)');
  let header: Header;
  try {
    header = JSON.parse(raw.subarray(0, newline).toString('utf8'));
  } catch {
    throw corrupt('does not start with a Docent index header');
  }
  if (header.format !== INDEX_FORMAT) throw corrupt('is not a Docent index');
  if (header.formatVersion !== INDEX_FORMAT_VERSION) {
    throw corrupt(
      `has format version ${header.formatVersion}, and this Docent reads version ${INDEX_FORMAT_VERSION}`,
    );
  }
  const body = raw.subarray(newline + 1);
  if (body.length !== header.bodyBytes) {
    throw corrupt(
      `is truncated or padded (body is ${body.length} bytes, the header says ${header.bodyBytes})`,
    );
  }
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) {
    throw corrupt('is damaged (its checksum does not match)');
  }
  const records = JSON.parse(body.toString('utf8')) as StoredRecord[];
  if (!Array.isArray(records) || records.length !== header.chunkCount)
    throw corrupt('has the wrong number of chunks');
  const chunks = records.map((record, position) => {
    const parsed = chunkSchema.safeParse(record);
    if (!parsed.success) throw corrupt(`has an invalid chunk at position ${position}`);
    const chunk: StoredChunk = parsed.data;
    if (record.vector) {
      const bytes = Buffer.from(record.vector, 'base64');
      const aligned = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
      chunk.vector = Array.from(new Float32Array(aligned));
    }
    return chunk;
  });
  return { info: header.info, chunks };
}
