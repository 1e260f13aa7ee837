import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredChunk } from '@docent/protocol';
import { seededRandom } from '@docent/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseIndex } from './dense-index.js';
import { readIndexFile, writeIndexFile } from './index-file.js';
import { buildIvfLists, ivfListCount } from './ivf-lists.js';
import { LocalStore } from './local-store.js';
import { packIndex } from './pack-index.js';
import { quantizeVectors } from './quantize-vectors.js';

const dimensions = 64;
const count = 6000;
const TOPICS = 120;

/** Docs-like vectors: each near one of 120 topic centroids (sections on one topic are near each other). */
function clusteredVectors(rows: number, seed: number, topicOf: (row: number) => number): number[][] {
  const next = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
  const topicNext = seededRandom(99);
  const topicGaussian = () =>
    Math.sqrt(-2 * Math.log(topicNext() + 1e-12)) * Math.cos(2 * Math.PI * topicNext());
  const centroids = Array.from({ length: TOPICS }, () => Array.from({ length: dimensions }, topicGaussian));
  return Array.from({ length: rows }, (_, row) =>
    centroids[topicOf(row)]!.map((value) => value + 1.2 * gaussian()),
  );
}

const rows = clusteredVectors(count, 5, (row) => row % TOPICS);
const queries = clusteredVectors(40, 17, (row) => (row * 7) % TOPICS);
const flat = new Float32Array(count * dimensions);
rows.forEach((row, document) => {
  DenseIndex.normalise(row, flat, document * dimensions, dimensions);
});
const everyVector = new Uint8Array(count).fill(1);

function exactTop(query: number[], k: number, accept = (_: number) => true): number[] {
  const unit = new Float64Array(dimensions);
  DenseIndex.normalise(query, unit, 0, dimensions);
  const scores: [number, number][] = [];
  for (let document = 0; document < count; document++) {
    if (!accept(document)) continue;
    let dot = 0;
    for (let i = 0; i < dimensions; i++) dot += unit[i]! * flat[document * dimensions + i]!;
    scores.push([document, dot]);
  }
  return scores
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([document]) => document);
}

async function ivfIndex(): Promise<DenseIndex> {
  const ivf = await buildIvfLists(flat, everyVector, dimensions);
  const { codes, scales } = quantizeVectors(flat, count, dimensions);
  return new DenseIndex(
    codes,
    scales,
    dimensions,
    (document) => flat.subarray(document * dimensions, (document + 1) * dimensions),
    ivf,
  );
}

describe('IVF lists over the dense vectors', () => {
  it('lists every vector once, in about √n lists', async () => {
    const ivf = (await buildIvfLists(flat, everyVector, dimensions))!;
    expect(ivf.offsets.length - 1).toBe(ivfListCount(count));
    expect([...ivf.documents].sort((a, b) => a - b)).toEqual([...Array(count).keys()]);
  });

  it('is deterministic: the same vectors give the same centroids and lists', async () => {
    const first = (await buildIvfLists(flat, everyVector, dimensions))!;
    const second = (await buildIvfLists(flat, everyVector, dimensions))!;
    expect(Buffer.from(second.centroids.buffer).equals(Buffer.from(first.centroids.buffer))).toBe(true);
    expect(second.offsets).toEqual(first.offsets);
    expect(second.documents).toEqual(first.documents);
  });

  it('leaves small indexes (below the threshold) to the exact scan', async () => {
    expect(
      await buildIvfLists(flat.subarray(0, 100 * dimensions), everyVector.subarray(0, 100), dimensions),
    ).toBe(null);
  });

  it('finds nearly all of the exact top 10 probing 16 of ~77 lists', async () => {
    const index = await ivfIndex();
    expect(index.approximate).toBe(true);
    let found = 0;
    for (const query of queries) {
      const exact = new Set(exactTop(query, 10));
      found += [...index.nearest(query, () => true, 10).keys()].filter((document) =>
        exact.has(document),
      ).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('is exact when every list is probed', async () => {
    const index = await ivfIndex();
    for (const query of queries.slice(0, 10)) {
      expect([...index.nearest(query, () => true, 10, 10_000).keys()]).toEqual(exactTop(query, 10));
    }
  });

  it('finds the same with its codes in list order as with them by document', async () => {
    const ivf = (await buildIvfLists(flat, everyVector, dimensions))!;
    const { codes, scales } = quantizeVectors(flat, count, dimensions);
    const byList = new Int8Array(codes.length);
    ivf.documents.forEach((document, row) => {
      byList.set(codes.subarray(document * dimensions, (document + 1) * dimensions), row * dimensions);
    });
    const byDocument = new DenseIndex(codes, scales, dimensions, undefined, ivf);
    const listOrdered = new DenseIndex(byList, scales, dimensions, undefined, ivf, true);
    const accept = (document: number) => document % 3 !== 0;
    for (const query of queries.slice(0, 10)) {
      expect([...listOrdered.nearest(query, accept, 10).entries()]).toEqual([
        ...byDocument.nearest(query, accept, 10).entries(),
      ]);
    }
    expect(() => new DenseIndex(byList, scales, dimensions, undefined, null, true)).toThrow(/IVF lists/);
  });

  it('probes further lists when a narrow filter leaves too few candidates', async () => {
    const index = await ivfIndex();
    // One document in 50 (a rare locale): the nearest 16 lists hold too few of them.
    const accept = (document: number) => document % 50 === 3;
    for (const query of queries.slice(0, 10)) {
      const found = [...index.nearest(query, accept, 10).keys()];
      expect(found).toHaveLength(10);
      expect(found.every(accept)).toBe(true);
    }
  });
});

describe('IVF lists in the index file', () => {
  const chunks: StoredChunk[] = rows.map((vector, i) => ({
    id: `c${i}`,
    text: `Section ${i} about topic ${i % TOPICS}`,
    sourcePath: `page-${i >> 3}.md`,
    headings: [`Page ${i >> 3}`, `Section ${i}`],
    url: `/docs/page-${i >> 3}#section-${i}`,
    title: `Page ${i >> 3}`,
    locale: 'en',
    version: 'current',
    hash: `h${i}`,
    vector,
  }));
  const info = { embedder: { id: 'test', dimensions }, builtAt: '2026-01-01T00:00:00.000Z' };
  let folder = '';
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('are written and read back, and the store searches them', async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-ivf-'));
    const path = join(folder, 'index.docent');
    const packed = await packIndex(chunks, info);
    expect(packed.header.ivfLists).toBe(ivfListCount(count));
    // The codes are written in list order, so a probed list is read as one run of memory.
    expect(packed.header.codesByList).toBe(true);
    await writeIndexFile(path, packed);
    const file = await readIndexFile(path);
    if (file.kind !== 'image') throw new Error('expected a format 3 image');
    expect(file.image.ivf?.offsets.length).toBe(ivfListCount(count) + 1);
    await file.image.close();
    const store = await LocalStore.open({ path });
    const hits = await store.search({ text: 'zzz', vector: queries[0]!, limit: 5 });
    const exact = exactTop(queries[0]!, 5).map((document) => `c${document}`);
    // Probing every list (ivfProbes) is the exact ranking.
    const everyList = await LocalStore.open({ path, ivfProbes: 10_000 });
    for (const query of queries.slice(0, 5)) {
      expect(
        (await everyList.search({ text: 'zzz', vector: query, limit: 5 })).map((hit) => hit.chunk.id),
      ).toEqual(exactTop(query, 5).map((document) => `c${document}`));
    }
    await everyList.close();
    expect(hits.map((hit) => hit.chunk.id).filter((id) => exact.includes(id)).length).toBeGreaterThanOrEqual(
      4,
    );
    await store.close();
  });

  it('are optional: a format 3 file written before them loads and is searched exactly', async () => {
    folder ||= await mkdtemp(join(tmpdir(), 'docent-ivf-'));
    const path = join(folder, 'before-ivf.docent');
    const packed = await packIndex(chunks, info, { ivfMinimum: Number.POSITIVE_INFINITY });
    // What an earlier Docent wrote: no IVF sections (empty ones take no bytes) and no `ivfLists`.
    const { ivfLists, sections, ...header } = packed.header;
    expect(ivfLists).toBe(0);
    const { ivfCentroids, ivfListOffsets, ivfListDocuments, ...older } = sections;
    expect([ivfCentroids[1], ivfListOffsets[1], ivfListDocuments[1]]).toEqual([0, 0, 0]);
    await writeIndexFile(path, {
      header: { ...header, sections: older as typeof sections },
      body: packed.body,
    });
    const file = await readIndexFile(path);
    if (file.kind !== 'image') throw new Error('expected a format 3 image');
    expect(file.image.ivf).toBe(null);
    await file.image.close();
    const store = await LocalStore.open({ path });
    const hits = await store.search({ text: 'zzz', vector: queries[1]!, limit: 5 });
    expect(hits.map((hit) => hit.chunk.id)).toEqual(
      exactTop(queries[1]!, 5).map((document) => `c${document}`),
    );
    await store.close();
  });
});
