import { LocalStore, QdrantStore } from '@docent/retrieval';
import { FakeOpenAI, freePort, RecordingQdrant } from '@docent/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { OpenAIGenerator } from '../src/answering/openai-generator.js';
import { createApp } from '../src/http/create-app.js';
import { fixtureChunks, fixtureStore, INFO } from './docs-fixture.js';
import { answerText, listen, question, readParts } from './stream-client.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('store failures', () => {
  it('answers 503 while Qdrant is unreachable and recovers without a restart when it is back', async () => {
    const port = await freePort();
    const store = new QdrantStore({
      url: `http://127.0.0.1:${port}`,
      collection: 'docs',
      retries: 0,
      timeoutMs: 2000,
    });
    const app = createApp({ store, config: { rateLimit: null }, log: () => {} });
    const ask = () =>
      app.request('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(question('docker compose')),
      });

    const down = await ask();
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'store:unavailable',
      message: expect.stringMatching(/unreachable.*QDRANT_URL/),
    });
    const notReady = await app.request('/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ ok: false, store: { kind: 'qdrant' } });

    const qdrant = await new RecordingQdrant().start(port);
    cleanups.push(() => qdrant.stop());
    await new QdrantStore({ url: qdrant.url, collection: 'docs' }).publish(fixtureChunks(), INFO);
    expect((await app.request('/readyz')).status).toBe(200);
    const up = await ask();
    expect(up.status).toBe(200);
    const parts = await readParts(up);
    expect(parts.some((part) => part !== 'DONE' && part.type === 'source-url')).toBe(true);
  });

  it('finishes an answer in flight while the local index file is replaced', async () => {
    const fixture = await fixtureStore();
    cleanups.push(fixture.cleanup);
    const llm = await new FakeOpenAI().start();
    cleanups.push(() => llm.stop());
    llm.script = [{ text: 'Docker works with compose [1]. '.repeat(10), deltaDelayMs: 15 }];
    const app = createApp({
      store: fixture.store,
      generator: new OpenAIGenerator({ model: 'fake', baseURL: llm.url, apiKey: 'k' }),
      config: { rateLimit: null },
      log: () => {},
    });
    const server = await listen(app);
    cleanups.push(server.close);
    const pending = fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(question('docker compose')),
    });
    const writer = await LocalStore.open({ path: fixture.path });
    await new Promise((resolve) => setTimeout(resolve, 40));
    await writer.publish(fixtureChunks(' (edited)'), INFO);
    await writer.close();
    const parts = await readParts(await pending);
    expect(answerText(parts)).toContain('Docker works with compose [1].');
    expect(parts.at(-2)).toMatchObject({ type: 'finish' });
    await fixture.store.reload();
    const after = await readParts(
      await app.request('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(question('docker compose non-root')),
      }),
    );
    expect(after.some((part) => part !== 'DONE' && part.type === 'finish')).toBe(true);
    expect((await fixture.store.search({ text: 'docker' }))[0]?.chunk.text).toContain('(edited)');
  });
});
