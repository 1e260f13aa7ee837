import { createHash } from 'node:crypto';
import { chunkSchema, type StoredChunk } from '@docent/protocol';
import type { IndexInfo } from './store.js';

/** What a format 1 file held: every chunk as JSON, vectors as base64 float32. */
export type LegacyIndex = { info: IndexInfo; chunks: StoredChunk[] };

type LegacyHeader = { info: IndexInfo; chunkCount: number; bodyBytes: number; sha256: string };
type LegacyRecord = Omit<StoredChunk, 'vector'> & { vector?: string };

/**
 * Reads the body of a format 1 index file (Docent 0.1): one JSON array of chunks. Such a file still
 * serves, but the server must analyse every chunk to load it; `problem` names what is wrong with it, and
 * the caller says to re-run the indexer.
 */
export function readLegacyIndex(
  header: LegacyHeader,
  body: Buffer,
  corrupt: (problem: string) => Error,
): LegacyIndex {
  if (body.length !== header.bodyBytes) {
    throw corrupt(
      `is truncated or padded (body is ${body.length} bytes, the header says ${header.bodyBytes})`,
    );
  }
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) {
    throw corrupt('is damaged (its checksum does not match)');
  }
  const records = JSON.parse(body.toString('utf8')) as LegacyRecord[];
  if (!Array.isArray(records) || records.length !== header.chunkCount) {
    throw corrupt('has the wrong number of chunks');
  }
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
