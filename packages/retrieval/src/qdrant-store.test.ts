import { fileURLToPath } from 'node:url';
import { OpenApiValidator, RecordingQdrant, startQdrant, ValidatingProxy } from '@docent/test-support';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { termIndex } from './qdrant-point.js';
import { QdrantStore } from './qdrant-store.js';
import type { IndexInfo } from './store.js';
import { StoreError } from './store-error.js';

import { sampleChunks, toyVector } from './test-support/sample-chunks.js';
import { describeStoreContract } from './test-support/store-contract.js';

const validator = new OpenApiValidator(
  fileURLToPath(new URL('../specs/qdrant-openapi-v1.18.json', import.meta.url)),
);
const DENSE_INFO: IndexInfo = { embedder: { id: 'toy', dimensions: 8 }, builtAt: '2026-01-01T00:00:00.000Z' };

describe('qdrant store requests (checked against the Qdrant 1.18 OpenAPI document)', () => {
  let qdrant: RecordingQdrant;
  beforeEach(async () => {
    qdrant = await new RecordingQdrant().start();
  });
  afterEach(async () => {
    await qdrant.stop();
  });

  it('sends only requests the OpenAPI document accepts, for every operation the store uses', async () => {
    const store = new QdrantStore({ url: qdrant.url, collection: 'docs', batchSize: 5 });
    const chunks = sampleChunks({ dimensions: 8 });
    await store.publish(chunks, DENSE_INFO);
    expect((await store.page('/docs/installation')).map((chunk) => chunk.position)).toEqual([0, 1]);
    await store.applyChanges({ upserts: [chunks[0]!], deletes: [chunks[1]!.id, chunks[2]!.id] }, DENSE_INFO);
    await store.search({
      text: 'dark mode',
      vector: toyVector(7, 8),
      filter: { locale: 'en', version: 'current' },
    });
    await store.search({ text: 'baseUrl', filter: { locale: 'en' } });
    await store.snapshot();
    await store.stats();
    await store.publish(chunks, DENSE_INFO);

    const checks = qdrant.requests.map((request) =>
      validator.check(request.method, request.url, request.body),
    );
    expect(checks.filter((check) => check.errors.length > 0)).toEqual([]);
    const operations = new Set(checks.map((check) => check.operation));
    for (const operation of [
      'PUT /collections/{collection_name}',
      'PUT /collections/{collection_name}/index',
      'PUT /collections/{collection_name}/points',
      'POST /collections/{collection_name}/points/delete',
      'POST /collections/{collection_name}/points/query',
      'POST /collections/{collection_name}/points/query/batch',
      'POST /collections/aliases',
    ]) {
      expect(operations).toContain(operation);
    }
    const hybrid = qdrant.requests.find((request) => (request.body as { prefetch?: unknown })?.prefetch);
    expect(hybrid?.body).toMatchObject({
      prefetch: [{ using: 'sparse' }, { using: 'dense' }],
      query: { fusion: 'rrf' },
    });
    const create = qdrant.requests.find(
      (request) => request.method === 'PUT' && /^\/collections\/[^/]+$/.test(request.url),
    );
    expect(create?.body).toMatchObject({
      sparse_vectors: { sparse: { modifier: 'idf' } },
      vectors: { dense: { size: 8 } },
    });
  });

  it('would catch a request the document rejects', () => {
    const check = validator.check('PUT', '/collections/docs', {
      sparse_vectors: { sparse: { modifier: 'tfidf' } },
    });
    expect(check.errors.length).toBeGreaterThan(0);
    const misspelt = validator.check('POST', '/collections/docs/points/query', {
      query: [1, 0],
      with_payloads: true,
    });
    expect(misspelt.errors.join()).toMatch(/additional properties/);
    expect(validator.check('POST', '/collections/docs/points/query?bogus=1', {}).errors).toContain(
      'query parameter "bogus" is not defined for POST /collections/{collection_name}/points/query',
    );
  });

  it('analyses each locale as its own language, records the analyzers, and asks in the same terms', async () => {
    const store = new QdrantStore({ url: qdrant.url, collection: 'docs' });
    const [chinese] = sampleChunks({ locale: 'zh' }).map((chunk) => ({
      ...chunk,
      text: '代理设置 > 配置代理服务器\n\n在公司网络中，所有请求都要经过代理服务器。',
      headings: ['代理设置', '配置代理服务器'],
    }));
    await store.publish([...sampleChunks(), chinese!], { embedder: null, builtAt: 'x' });
    type Body = {
      metadata?: { docent: { analyzers: Record<string, string> } };
      points?: { payload: { locale: string }; vector: { sparse: { indices: number[] } } }[];
      query?: { indices: number[] };
    };
    const bodies = qdrant.requests.map((request) => ({ ...request, body: request.body as Body }));
    const created = bodies.find(
      (request) =>
        request.method === 'PUT' && /collections\/docs-/.test(request.url) && request.body?.metadata,
    );
    expect(created?.body.metadata?.docent.analyzers).toEqual({
      en: 'en/porter2/segmenter@1',
      zh: 'zh/none/segmenter@1',
    });
    const upserted = bodies
      .filter((request) => /\/points(\?|$)/.test(request.url) && request.method === 'PUT')
      .flatMap((request) => request.body.points ?? []);
    const zhPoint = upserted.find((point) => point.payload.locale === 'zh')!;
    expect(zhPoint.vector.sparse.indices).toContain(termIndex('代理'));
    expect(zhPoint.vector.sparse.indices).toContain(termIndex('服务'));
    const before = qdrant.requests.length;
    await store.search({ text: '如何配置代理服务器？', filter: { locale: 'zh' } });
    const query = qdrant.requests.slice(before).find((request) => /\/points\/query(\?|$)/.test(request.url))!;
    expect(validator.check('POST', query.url, query.body).errors).toEqual([]);
    expect((query.body as Body).query?.indices).toEqual(
      [termIndex('配置'), termIndex('代理'), termIndex('服务'), termIndex('器')].sort((a, b) => a - b),
    );
  });

  it('asks in one batch which question words any point of the locale has, and reports the absent ones', async () => {
    const store = new QdrantStore({ url: qdrant.url, collection: 'docs' });
    await store.publish([...sampleChunks(), ...sampleChunks({ locale: 'en-GB', marker: 'telemetry' })], {
      embedder: null,
      builtAt: 'x',
    });
    const before = qdrant.requests.length;
    const hits = await store.search({
      text: 'Does the development server use telemetry on its port?',
      filter: { locale: 'en' },
    });
    const batches = qdrant.requests.slice(before).filter((request) => request.url.endsWith('/query/batch'));
    expect(batches).toHaveLength(1);
    expect(validator.check('POST', batches[0]!.url, batches[0]!.body).errors).toEqual([]);
    expect(hits[0]?.evidence?.absentWords).toEqual(['telemetry']);
    const french = await store.search({
      text: 'Does the development server use telemetry on its port?',
      filter: { locale: 'en-GB' },
    });
    expect(french[0]?.evidence?.absentWords).toEqual([]);
  });

  it('rebuilds into a new collection, then moves the alias and drops the old collection', async () => {
    const store = new QdrantStore({ url: qdrant.url, collection: 'docs' });
    await store.publish(sampleChunks(), { embedder: null, builtAt: 'x' });
    const first = qdrant.aliasTarget('docs');
    await store.publish(sampleChunks({ marker: 'second' }), { embedder: null, builtAt: 'y' });
    const second = qdrant.aliasTarget('docs');
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(qdrant.collectionNames()).toEqual([second]);
    expect((await store.stats()).chunks).toBe(8);
  });

  it('leaves the live alias untouched and cleans up when a rebuild fails', async () => {
    const store = new QdrantStore({ url: qdrant.url, collection: 'docs', retries: 1 });
    await store.publish(sampleChunks(), { embedder: null, builtAt: 'x' });
    const live = qdrant.aliasTarget('docs');
    qdrant.failUpserts = true;
    await expect(
      store.publish(sampleChunks({ marker: 'broken' }), { embedder: null, builtAt: 'y' }),
    ).rejects.toThrow();
    expect(qdrant.aliasTarget('docs')).toBe(live);
    expect(qdrant.collectionNames()).toEqual([live]);
  });

  it('reports an unreachable Qdrant as unavailable, with what to check', async () => {
    const store = new QdrantStore({ url: 'http://127.0.0.1:9', retries: 0, timeoutMs: 2000 });
    const error = await store.search({ text: 'anything' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).status).toBe(503);
    expect((error as StoreError).message).toMatch(/unreachable.*QDRANT_URL/);
    expect((await store.health()).ok).toBe(false);
  });

  it('reuses stats between questions and reads them again after it writes', async () => {
    const store = new QdrantStore({ url: qdrant.url, collection: 'docs' });
    await store.publish(sampleChunks(), { embedder: null, builtAt: 'x' });
    const facets = () => qdrant.requests.filter((request) => request.url.endsWith('/facet')).length;
    expect((await store.stats()).locales).toEqual(['en']);
    const asked = facets();
    expect((await store.stats()).chunks).toBe(8);
    expect(facets()).toBe(asked);
    await store.applyChanges(
      { upserts: sampleChunks({ locale: 'fr' }), deletes: [] },
      { embedder: null, builtAt: 'y' },
    );
    expect((await store.stats()).locales).toEqual(['en', 'fr']);
    expect(facets()).toBeGreaterThan(asked);
  });

  it('refuses a URL that is not http(s) at construction', () => {
    expect(() => new QdrantStore({ url: 'localhost:6333' })).toThrow(/http\(s\) URL/);
  });
});

// A running Qdrant (QDRANT_URL), else one started from its binary when this machine has it (CI does then).
const started = process.env.QDRANT_URL ? null : await startQdrant();
const qdrantUrl = process.env.QDRANT_URL ?? (started && 'url' in started ? started.url : undefined);
// The contract suite talks to the real Qdrant through a proxy that checks every request against the document.
const proxy = qdrantUrl ? await new ValidatingProxy(qdrantUrl, validator).start() : null;
afterAll(async () => {
  await proxy?.stop();
  if (started && 'stop' in started) await started.stop();
});

describe('the validating proxy in front of a real Qdrant', () => {
  it('passes requests on unchanged and flags those the OpenAPI document refuses', async () => {
    const qdrant = await new RecordingQdrant().start();
    const checking = await new ValidatingProxy(qdrant.url, validator).start();
    const store = new QdrantStore({ url: checking.url, collection: 'docs' });
    await store.publish(sampleChunks(), { embedder: null, builtAt: 'first' });
    expect((await store.search({ text: 'dark mode' })).length).toBeGreaterThan(0);
    expect(checking.checks.length).toBe(qdrant.requests.length);
    expect(checking.invalid()).toEqual([]);
    const refused = await fetch(`${checking.url}/collections/other`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ vectors: 'many' }),
    });
    expect(refused.status).toBe(200);
    expect(checking.invalid().map((check) => check.operation)).toEqual([
      'PUT /collections/{collection_name}',
    ]);
    await checking.stop();
    await qdrant.stop();
  });
});
let collectionCounter = 0;
describe('qdrant store clean-up', () => {
  it('says when a rebuild is live but the old collection could not be deleted', async () => {
    const qdrant = await new RecordingQdrant().start();
    const warnings: string[] = [];
    const store = new QdrantStore({
      url: qdrant.url,
      collection: 'docs',
      warn: (line) => warnings.push(line),
    });
    await store.publish(sampleChunks(), { embedder: null, builtAt: 'first' });
    qdrant.failDeletes = true;
    await store.publish(sampleChunks(), { embedder: null, builtAt: 'second' });
    expect(warnings).toEqual([
      expect.stringMatching(/new index is live, but the old collection docs-\S+ could not be deleted/),
    ]);
    expect(qdrant.collectionNames()).toHaveLength(2);
    expect((await store.search({ text: 'dark mode' })).length).toBeGreaterThan(0);
    await qdrant.stop();
  });
});

describeStoreContract(
  qdrantUrl
    ? `qdrant store contract (against ${qdrantUrl})`
    : `qdrant store contract: SKIPPED, ${started && 'skipped' in started ? started.skipped : 'no Qdrant'}`,
  {
    async writer() {
      collectionCounter++;
      return new QdrantStore({
        url: proxy!.url,
        collection: `docent-contract-${process.pid}-${collectionCounter}`,
      });
    },
    async reader(writer) {
      return writer;
    },
    async settle() {},
  },
  { skip: !qdrantUrl },
);

describe.skipIf(!proxy)('qdrant store contract requests', () => {
  it('are all ones the OpenAPI document accepts (every request of the suite above, to the real Qdrant)', () => {
    expect(proxy!.checks.length).toBeGreaterThan(0);
    expect(proxy!.invalid()).toEqual([]);
  });
});
