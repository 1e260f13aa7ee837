import { FakeOpenAI } from '@docent/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbedder } from './create-embedder.js';
import { OpenAIEmbedder } from './openai-embedder.js';

describe('OpenAIEmbedder (real openai SDK against a local OpenAI-compatible server)', () => {
  let api: FakeOpenAI;
  beforeEach(async () => {
    api = await new FakeOpenAI(16).start();
  });
  afterEach(async () => {
    await api.stop();
  });

  it('embeds in batches and keeps the input order', async () => {
    const embedder = new OpenAIEmbedder({ model: 'fake-embed', baseURL: api.url, batchSize: 2 });
    const texts = ['alpha', 'beta gamma', 'delta', 'epsilon', 'zeta'];
    const vectors = await embedder.embed(texts, 'document');
    expect(vectors).toEqual(texts.map((text) => api.vectorFor(text)));
    expect(api.embeddingRequests).toBe(3);
    expect(embedder.calls).toBe(3);
    expect(await embedder.dimensions()).toBe(16);
  });

  it('retries 429 and 5xx with backoff, then succeeds', async () => {
    api.embeddingFailures = [429, 503];
    const embedder = new OpenAIEmbedder({ model: 'fake-embed', baseURL: api.url, retryBaseDelayMs: 5 });
    const [vector] = await embedder.embed(['hello'], 'query');
    expect(vector).toEqual(api.vectorFor('hello'));
    expect(api.embeddingRequests).toBe(3);
  });

  it('waits as long as a 429 Retry-After asks, not the shorter backoff', async () => {
    api.embeddingFailures = [429];
    api.embeddingRetryAfter = '1';
    const embedder = new OpenAIEmbedder({ model: 'fake-embed', baseURL: api.url, retryBaseDelayMs: 5 });
    await embedder.embed(['hello'], 'query');
    const [first, second] = api.embeddingTimes.slice(-2);
    expect(second! - first!).toBeGreaterThanOrEqual(950);
  });

  it('gives up after the configured retries and does not retry client errors', async () => {
    api.embeddingFailures = [500, 500, 500];
    const flaky = new OpenAIEmbedder({
      model: 'fake-embed',
      baseURL: api.url,
      retries: 1,
      retryBaseDelayMs: 5,
    });
    await expect(flaky.embed(['x'], 'query')).rejects.toMatchObject({ status: 500 });
    expect(api.embeddingRequests).toBe(2);
    api.embeddingFailures = [401];
    await expect(flaky.embed(['x'], 'query')).rejects.toMatchObject({ status: 401 });
    expect(api.embeddingRequests).toBe(3);
  });

  it('is chosen by createEmbedder, and "none" means sparse-only', () => {
    expect(createEmbedder({ kind: 'none' })).toBeNull();
    expect(createEmbedder({ kind: 'openai', model: 'm', baseURL: api.url })?.id).toBe('openai:m');
    expect(() => createEmbedder({ kind: 'openai', model: '' })).toThrow(/needs a model/);
  });
});
