import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { StoredChunk } from '@docent/protocol';
import { writeIndexFile } from '../index-file.js';
import { ENGLISH_ONLY_INDEX_FORMAT_VERSION } from '../index-image.js';
import { packIndex } from '../pack-index.js';
import type { IndexInfo } from '../store.js';

/**
 * Writes an index file in format 1, as Docent 0.1 did (a JSON header line, then one JSON array of chunks
 * with base64 float32 vectors), so tests can check that such files are still served.
 */
export async function writeLegacyIndexFile(
  path: string,
  chunks: StoredChunk[],
  info: IndexInfo,
): Promise<void> {
  const records = chunks.map(({ vector, ...chunk }) =>
    vector ? { ...chunk, vector: Buffer.from(Float32Array.from(vector).buffer).toString('base64') } : chunk,
  );
  const body = Buffer.from(JSON.stringify(records));
  const header = {
    format: 'docent-index',
    formatVersion: 1,
    info,
    chunkCount: records.length,
    bodyBytes: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  await writeFile(path, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
}

/**
 * Writes an index file in format 2, as Docent wrote it before analyzers were recorded: every locale analysed
 * by the English analyzer of then (a run of Chinese one term), no `analyzers` in the header.
 */
export async function writeEnglishOnlyIndexFile(
  path: string,
  chunks: StoredChunk[],
  info: IndexInfo,
): Promise<void> {
  const packed = await packIndex(chunks, info, { englishOnly: true });
  packed.header.formatVersion = ENGLISH_ONLY_INDEX_FORMAT_VERSION;
  // Format 2 kept its float vectors before the records, in memory.
  await writeIndexFile(path, packed);
}
