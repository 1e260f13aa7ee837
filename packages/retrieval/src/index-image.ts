import type { Chunk, StoredChunk } from '@docent/protocol';
import { checkIvfLists, type IvfLists } from './ivf-lists.js';
import type { Postings } from './postings.js';
import { quantizeVectors } from './quantize-vectors.js';
import { type RecordSource, recordsInMemory } from './record-source.js';
import type { IndexInfo } from './store.js';

export const INDEX_FORMAT = 'docent-index';
/**
 * Version 3: typed-array sections (this file), each locale analysed by its own analyzer, recorded in
 * `info.analyzers`. Version 2 had the same sections with every locale analysed as English (still read, as
 * such); version 1 was one JSON array of chunks (still read, and packed again on load).
 */
export const INDEX_FORMAT_VERSION = 3;
/** The typed-array format from before per-language analyzers (served as English, with a note to re-index). */
export const ENGLISH_ONLY_INDEX_FORMAT_VERSION = 2;

/** The sections of a version 2 or 3 body, in file order, with the element type each holds. */
export const SECTION_TYPES = {
  /** JSON: `{ locales, versions, pages }`. */
  meta: Uint8Array,
  /** UTF-8: every term, in term-id order, separated by `\n` (terms never contain whitespace). */
  terms: Uint8Array,
  postingOffsets: Uint32Array,
  postingDocuments: Uint32Array,
  postingFrequencies: Uint16Array,
  documentLengths: Uint32Array,
  /** Per document: index into `meta.locales`, `meta.versions`, `meta.pages`. */
  localeOf: Uint16Array,
  versionOf: Uint16Array,
  pageOf: Uint32Array,
  /** Per document: 1 when it has a vector (`vectors` then holds it at unit length). */
  hasVector: Uint8Array,
  /**
   * Format 3: each unit vector scalar-quantized to int8 (`vectorCodes`, value = code * scale of its
   * document), what the service searches; the float32 originals stay on disk and re-score the best.
   */
  vectorScales: Float32Array,
  vectorCodes: Int8Array,
  /**
   * Format 3, large indexes with vectors (`header.ivfLists` > 0; empty otherwise, absent from files of
   * earlier Docents): the IVF coarse quantizer's centroids and, per list, its documents (see `ivf-lists.ts`).
   */
  ivfCentroids: Float32Array,
  ivfListOffsets: Uint32Array,
  ivfListDocuments: Uint32Array,
  /** Per document: where its JSON record (the chunk without its vector) starts in `records`. */
  recordOffsets: Uint32Array,
  /** Float32 unit vectors: in memory in format 2; on disk (read a row at a time) in format 3. */
  vectors: Float32Array,
  records: Uint8Array,
} as const;

/** Sections read from the file when needed (format 3): they end the body, in this order. */
export const ON_DISK_SECTIONS = ['vectors', 'records'] as const;

/** Where the part of the body kept in memory ends: before the on-disk sections. */
export function memoryBytes(header: IndexHeader): number {
  const first = header.formatVersion >= INDEX_FORMAT_VERSION ? 'vectors' : 'records';
  return header.sections[first]?.[0] ?? header.bodyBytes;
}

export type SectionName = keyof typeof SECTION_TYPES;
type SectionView<Name extends SectionName> = InstanceType<(typeof SECTION_TYPES)[Name]>;

export type IndexHeader = {
  format: typeof INDEX_FORMAT;
  formatVersion: number;
  /** Byte order of the typed arrays (always little-endian: every platform Node runs on today). */
  endianness: 'LE';
  info: IndexInfo;
  chunkCount: number;
  termCount: number;
  postingCount: number;
  dimensions: number;
  /** How many IVF lists the dense vectors have (0 or absent: none, the dense search scans every vector). */
  ivfLists?: number;
  /**
   * With IVF lists: true when `vectorCodes` holds its rows in list order (row r is the codes of document
   * `ivfListDocuments[r]`), so a probed list is one contiguous run of memory; absent or false (files written
   * before): row d is document d's.
   */
  codesByList?: boolean;
  /** Each section's [offset, byte length] in the body; offsets are multiples of 8. */
  sections: Record<SectionName, [number, number]>;
  bodyBytes: number;
  sha256: string;
};

export type IndexMeta = { locales: string[]; versions: string[]; pages: string[] };

/**
 * A version 2 index as it sits in memory: typed-array views straight over the bytes of the body (read
 * from the file, or just packed), no parsing beyond the small JSON parts. Chunk records (the texts, most
 * of the file) are read and decoded only when a search returns them.
 */
export class IndexImage {
  readonly meta: IndexMeta;
  readonly terms: string[];
  readonly postings: Postings;
  readonly localeOf: Uint16Array;
  readonly versionOf: Uint16Array;
  readonly pageOf: Uint32Array;
  /**
   * The int8 codes (rows by document, or in IVF list order when `codesByList`) and per-document scales
   * searched (null without an embedder).
   */
  readonly vectorCodes: Int8Array | null;
  readonly vectorScales: Float32Array | null;
  /** The IVF lists over the vectors (null: none, or an index written before they existed). */
  readonly ivf: IvfLists | null;
  /** Whether `vectorCodes` rows are in IVF list order (see `IndexHeader.codesByList`). */
  readonly codesByList: boolean;
  private readonly hasVector: Uint8Array;
  private readonly recordOffsets: Uint32Array;
  private readonly records: RecordSource;
  private readonly recordsAt: number;
  /** The row `floatVector` reads into (format 3). */
  private row: Float32Array | null = null;
  /** Format 2: the float vectors, in memory. */
  private readonly memoryVectors: Float32Array | null;

  /**
   * Wraps a body (which must start at an 8-byte boundary of its ArrayBuffer); `records` says where the
   * last section is when the body stops before it. Throws a RangeError naming the problem when the
   * sections do not fit the header: the caller turns it into a "damaged index" error.
   */
  constructor(
    readonly header: IndexHeader,
    body: Buffer,
    records?: RecordSource,
  ) {
    if (body.byteOffset % 8 !== 0) throw new RangeError('the body is not 8-byte aligned in memory');
    const view = <Name extends SectionName>(name: Name, expected: number): SectionView<Name> => {
      const place = header.sections[name];
      if (!place) throw new RangeError(`the section ${name} is missing`);
      const [offset, bytes] = place;
      const Type = SECTION_TYPES[name];
      if (offset % 8 !== 0 || offset + bytes > body.length || bytes !== expected * Type.BYTES_PER_ELEMENT) {
        throw new RangeError(`the section ${name} does not fit (${bytes} bytes at ${offset})`);
      }
      return new Type(body.buffer as ArrayBuffer, body.byteOffset + offset, expected) as SectionView<Name>;
    };
    const bytesOf = (name: 'meta' | 'terms') => {
      const [offset, bytes] = header.sections[name] ?? [0, -1];
      if (bytes < 0 || offset + bytes > body.length) throw new RangeError(`the section ${name} does not fit`);
      return body.subarray(offset, offset + bytes);
    };
    const n = header.chunkCount;
    this.meta = JSON.parse(bytesOf('meta').toString('utf8')) as IndexMeta;
    const termText = bytesOf('terms').toString('utf8');
    this.terms = termText.length === 0 ? [] : termText.split('\n');
    if (this.terms.length !== header.termCount) throw new RangeError('the term list has the wrong length');
    this.postings = {
      offsets: view('postingOffsets', header.termCount + 1),
      documents: view('postingDocuments', header.postingCount),
      frequencies: view('postingFrequencies', header.postingCount),
      lengths: view('documentLengths', n),
    };
    this.localeOf = view('localeOf', n);
    this.versionOf = view('versionOf', n);
    this.pageOf = view('pageOf', n);
    this.hasVector = view('hasVector', n);
    const dimensions = header.dimensions;
    this.records = records ?? recordsInMemory(body);
    const [recordsAt, recordsBytes] = header.sections.records ?? [-1, -1];
    if (recordsAt < this.records.start || recordsAt + recordsBytes !== this.records.end)
      throw new RangeError('the records section does not fit');
    this.recordsAt = recordsAt;
    if (header.formatVersion >= INDEX_FORMAT_VERSION) {
      this.memoryVectors = null;
      this.vectorScales = dimensions > 0 ? view('vectorScales', n) : null;
      this.vectorCodes = dimensions > 0 ? view('vectorCodes', n * dimensions) : null;
      const [vectorsAt, vectorsBytes] = header.sections.vectors ?? [-1, -1];
      if (
        vectorsAt < this.records.start ||
        vectorsBytes !== n * dimensions * 4 ||
        vectorsAt + vectorsBytes > recordsAt
      )
        throw new RangeError('the vectors section does not fit');
    } else {
      // Format 2 kept float vectors in memory: quantize them once, as format 3 stores them.
      this.memoryVectors = dimensions > 0 ? view('vectors', n * dimensions) : null;
      const quantized = this.memoryVectors ? quantizeVectors(this.memoryVectors, n, dimensions) : null;
      this.vectorScales = quantized?.scales ?? null;
      this.vectorCodes = quantized?.codes ?? null;
    }
    const lists = header.ivfLists ?? 0;
    if (lists > 0 && header.formatVersion >= INDEX_FORMAT_VERSION && dimensions > 0) {
      const listed = header.sections.ivfListDocuments?.[1] ?? -1;
      this.ivf = {
        centroids: view('ivfCentroids', lists * dimensions),
        offsets: view('ivfListOffsets', lists + 1),
        documents: view('ivfListDocuments', Math.floor(Math.max(0, listed) / 4)),
      };
      checkIvfLists(this.ivf, n, dimensions);
    } else {
      this.ivf = null;
    }
    this.codesByList = this.ivf !== null && header.codesByList === true;
    if (this.codesByList && this.ivf!.documents.length > n)
      throw new RangeError('the IVF lists name more rows than the vector codes have');
    this.recordOffsets = view('recordOffsets', n + 1);
    if (this.recordOffsets[n] !== recordsBytes)
      throw new RangeError('the record offsets do not cover the records');
    for (const [name, per, count] of [
      ['locale', this.localeOf, this.meta.locales.length],
      ['version', this.versionOf, this.meta.versions.length],
      ['page', this.pageOf, this.meta.pages.length],
    ] as const) {
      for (const value of per)
        if (value >= count) throw new RangeError(`a chunk names ${name} ${value} of ${count}`);
    }
  }

  get size(): number {
    return this.header.chunkCount;
  }

  /** The chunk stored as document `document`, decoded from its JSON record (without its vector). */
  chunk(document: number): Chunk {
    const start = this.recordsAt + this.recordOffsets[document]!;
    const end = this.recordsAt + this.recordOffsets[document + 1]!;
    return JSON.parse(this.records.read(start, end).toString('utf8')) as Chunk;
  }

  /** Whether a document has a vector. */
  hasVectorOf(document: number): boolean {
    return this.hasVector[document] === 1;
  }

  /**
   * The float32 vector of a document (unit length), when it has one: from memory (format 2) or read from
   * the file (format 3, one row of `dimensions` × 4 bytes). The array is valid until the next call (format
   * 3 reads every row into the same one): copy it to keep it.
   */
  floatVector(document: number): Float32Array | undefined {
    if (this.header.dimensions === 0 || this.hasVector[document] !== 1) return undefined;
    const dimensions = this.header.dimensions;
    if (this.memoryVectors)
      return this.memoryVectors.subarray(document * dimensions, (document + 1) * dimensions);
    const [vectorsAt] = this.header.sections.vectors!;
    const start = vectorsAt + document * dimensions * 4;
    // Read into one reused, aligned row: a search re-scores 128 rows, and allocating each cost milliseconds.
    this.row ??= new Float32Array(dimensions);
    this.records.readInto(start, new Uint8Array(this.row.buffer));
    return this.row;
  }

  /** The vector of a document (unit length), when it has one. */
  vector(document: number): number[] | undefined {
    const vector = this.floatVector(document);
    return vector ? Array.from(vector) : undefined;
  }

  /** Releases the index file (when records are read from it). */
  close(): Promise<void> {
    return this.records.close();
  }

  /** Every chunk with its vector: for the indexer (incremental runs), not for serving. */
  *storedChunks(): Generator<StoredChunk> {
    for (let document = 0; document < this.size; document++) {
      const vector = this.vector(document);
      yield vector ? { ...this.chunk(document), vector } : this.chunk(document);
    }
  }
}
