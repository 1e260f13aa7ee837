import { createHash } from 'node:crypto';
import type { StoredChunk } from '@docent/protocol';
import { DenseIndex } from './dense-index.js';
import { analyzersFor, IndexAnalyzers } from './index-analyzers.js';
import {
  INDEX_FORMAT,
  INDEX_FORMAT_VERSION,
  type IndexHeader,
  type IndexMeta,
  SECTION_TYPES,
  type SectionName,
} from './index-image.js';
import { buildIvfLists, type IvfLists } from './ivf-lists.js';
import { pagePath } from './page-path.js';
import { PostingsBuilder } from './postings.js';
import { quantizeVectors } from './quantize-vectors.js';
import { searchableText } from './searchable-text.js';
import type { IndexInfo } from './store.js';

export type PackedIndex = { header: IndexHeader; body: Buffer };

export type PackOptions = {
  /** Chunks analysed between two turns of the event loop (default 2,000). */
  slice?: number;
  /** Pack as Docent did before analyzers were recorded (tests of the format 2 upgrade path). */
  englishOnly?: boolean;
  /** Train IVF lists from this many vectors on (default `IVF_MIN_VECTORS`). */
  ivfMinimum?: number;
  /** Extra copies of each section's heading and page title in its searchable text (see `RankingSettings`; default 1). */
  headingRepeats?: number;
};

/**
 * Prepares an index for loading: analyses every chunk once (the server never does), lays out postings,
 * per-chunk filters, unit-length vectors and JSON records as typed-array sections of one body, and
 * checksums it. Yields to the event loop every `slice` chunks, so a server that packs (a v1 file it was
 * asked to load) keeps answering. With at least `ivfMinimum` vectors, trains IVF lists over them (see
 * `buildIvfLists`: tens of seconds at 100k × 1,536).
 */
export async function packIndex(
  chunks: readonly StoredChunk[],
  info: IndexInfo,
  options: PackOptions = {},
): Promise<PackedIndex> {
  const { slice = 2000, englishOnly = false, ivfMinimum, headingRepeats = 1 } = options;
  const n = chunks.length;
  const builder = new PostingsBuilder();
  const locales = [...new Set(chunks.map((chunk) => chunk.locale))].sort();
  // Each locale's pages go through that locale's analyzer, and the index records which it was.
  const { analyzers: _old, ...rest } = info;
  const recorded: IndexInfo = englishOnly ? rest : { ...info, analyzers: analyzersFor(locales) };
  const analyzers = new IndexAnalyzers(recorded);
  for (let start = 0; start < n; start += slice) {
    for (let document = start; document < Math.min(n, start + slice); document++) {
      const chunk = chunks[document]!;
      builder.add(searchableText(chunk, headingRepeats), analyzers.of(chunk.locale));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const postings = builder.build();

  const versions = [...new Set(chunks.map((chunk) => chunk.version))].sort();
  const pageIds = new Map<string, number>();
  const pageOf = new Uint32Array(n);
  chunks.forEach((chunk, document) => {
    const page = pagePath(chunk.url);
    let id = pageIds.get(page);
    if (id === undefined) {
      id = pageIds.size;
      pageIds.set(page, id);
    }
    pageOf[document] = id;
  });
  const localeIds = new Map(locales.map((locale, id) => [locale, id]));
  const versionIds = new Map(versions.map((version, id) => [version, id]));
  const meta: IndexMeta = { locales, versions, pages: [...pageIds.keys()] };

  const dimensions = info.embedder?.dimensions ?? 0;
  const vectors = new Float32Array(n * dimensions);
  const hasVector = new Uint8Array(n);
  if (dimensions > 0) {
    chunks.forEach((chunk, document) => {
      if (chunk.vector && DenseIndex.normalise(chunk.vector, vectors, document * dimensions, dimensions)) {
        hasVector[document] = 1;
      }
    });
  }

  // Large indexes get IVF lists, so the server scans a few lists of vectors instead of all of them.
  const ivf = await buildIvfLists(vectors, hasVector, dimensions, ivfMinimum);
  // With IVF lists the codes are written in list order: the lists a question probes are contiguous runs of
  // memory (measured at 100k × 1,536: the int8 scan p50 2.7 → 0.9 ms against rows by document).
  const quantized = quantizeVectors(vectors, n, dimensions, ivf ? listRows(ivf, n) : undefined);

  const records = chunks.map(({ vector: _vector, ...chunk }) => Buffer.from(JSON.stringify(chunk)));
  const recordOffsets = new Uint32Array(n + 1);
  records.forEach((record, document) => {
    recordOffsets[document + 1] = recordOffsets[document]! + record.length;
  });

  const sections: Record<SectionName, Uint8Array | Uint8Array[]> = {
    meta: Buffer.from(JSON.stringify(meta)),
    terms: Buffer.from(builder.terms.join('\n')),
    postingOffsets: bytes(postings.offsets),
    postingDocuments: bytes(postings.documents),
    postingFrequencies: bytes(postings.frequencies),
    documentLengths: bytes(postings.lengths),
    localeOf: bytes(Uint16Array.from(chunks, (chunk) => localeIds.get(chunk.locale)!)),
    versionOf: bytes(Uint16Array.from(chunks, (chunk) => versionIds.get(chunk.version)!)),
    pageOf: bytes(pageOf),
    hasVector,
    vectorScales: bytes(quantized.scales),
    vectorCodes: new Uint8Array(quantized.codes.buffer),
    ivfCentroids: ivf ? bytes(ivf.centroids) : [],
    ivfListOffsets: ivf ? bytes(ivf.offsets) : [],
    ivfListDocuments: ivf ? bytes(ivf.documents) : [],
    recordOffsets: bytes(recordOffsets),
    vectors: bytes(vectors),
    records,
  };
  const places = {} as Record<SectionName, [number, number]>;
  let size = 0;
  for (const name of Object.keys(SECTION_TYPES) as SectionName[]) {
    const parts = [sections[name]].flat();
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    places[name] = [size, length];
    size = align(size + length);
  }
  // Its own ArrayBuffer, so the sections are 8-byte aligned in memory as well as in the file. The records
  // come last and end the body (a reader keeps everything before them in memory).
  const body = Buffer.alloc(places.records[0] + places.records[1]);
  for (const name of Object.keys(SECTION_TYPES) as SectionName[]) {
    let at = places[name][0];
    for (const part of [sections[name]].flat()) {
      body.set(part, at);
      at += part.length;
    }
  }
  const header: IndexHeader = {
    format: INDEX_FORMAT,
    formatVersion: INDEX_FORMAT_VERSION,
    endianness: 'LE',
    info: recorded,
    chunkCount: n,
    termCount: builder.terms.length,
    postingCount: postings.documents.length,
    dimensions,
    ivfLists: ivf ? ivf.offsets.length - 1 : 0,
    ...(ivf ? { codesByList: true } : {}),
    sections: places,
    bodyBytes: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  return { header, body };
}

function bytes(array: Uint16Array | Uint32Array | Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function align(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}

/**
 * Each document's row in the codes when they are written in IVF list order: row r for document
 * `ivf.documents[r]`, then the documents without a vector (not in any list), in order.
 */
function listRows(ivf: IvfLists, count: number): Uint32Array {
  const rowOf = new Uint32Array(count);
  const listed = new Uint8Array(count);
  ivf.documents.forEach((document, row) => {
    rowOf[document] = row;
    listed[document] = 1;
  });
  let row = ivf.documents.length;
  for (let document = 0; document < count; document++) if (!listed[document]) rowOf[document] = row++;
  return rowOf;
}
