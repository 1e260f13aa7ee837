import { FakeOpenAI } from '@docent/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAIGenerator } from '../src/answering/openai-generator.js';
import { createApp } from '../src/http/create-app.js';
import { fixtureStore } from './docs-fixture.js';
import { answerText, listen, question, readParts } from './stream-client.js';

/**
 * Red team, round 3: what a hostile model streams, through the real service over real HTTP (the fake OpenAI
 * server and the real `openai` SDK): links smuggled in angle brackets, bare URLs a GFM renderer would
 * autolink, `[` runs split across small deltas, and one delta larger than the answer bound.
 */
describe('red team: a hostile model stream (round 3)', () => {
  let fixture: Awaited<ReturnType<typeof fixtureStore>>;
  let llm: FakeOpenAI;
  let server: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    fixture = await fixtureStore();
    llm = await new FakeOpenAI().start();
    const app = createApp({
      store: fixture.store,
      generator: new OpenAIGenerator({
        model: 'fake',
        baseURL: llm.url,
        apiKey: 'test',
        retryBaseDelayMs: 5,
      }),
      config: { rateLimit: null, answerTimeoutMs: 20_000 },
      log: () => {},
    });
    server = await listen(app);
  });
  afterAll(async () => {
    await server.close();
    await llm.stop();
    await fixture.cleanup();
  });

  const modelSays = async (text: string, deltaSize?: number) => {
    llm.script = [{ text, ...(deltaSize ? { deltaSize } : {}) }];
    const response = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(question('How do I configure nginx for streaming?')),
    });
    return readParts(response);
  };

  it.each([
    [
      'a second link in an angle destination',
      '[a](</docs/deployment#)[x](javascript:alert(1)>)',
      /javascript:/,
    ],
    [
      'a foreign image in an angle destination',
      '![a](</docs/deployment#)![x](https://evil.example/p.png>)',
      /evil/,
    ],
    ['a bare URL', 'see https://evil.example/login now', /https:\/\/evil/],
    ['a www. address', 'or www.evil.example today', /www\.evil/],
    ['an email address', 'write to admin@evil.example', /admin@evil/],
  ])('%s reaches the reader as text, never as a link', async (_, hostile, leaked) => {
    const answer = answerText(await modelSays(`More in [1]. ${hostile}`));
    expect(answer).not.toMatch(leaked);
    expect(answer).toContain('[1]');
  });

  it('streams 20,000 `[` in 4-character deltas through, every one escaped, /healthz answering', async () => {
    const pending = modelSays('['.repeat(20_000), 4);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const answer = answerText(await pending);
    expect(answer).toMatch(/^(\\\[)+/);
    expect(answer).toHaveLength(20_000);
  });

  it('cuts one 200,000-character delta at the bound before any of it is sent', async () => {
    const parts = await modelSays('x'.repeat(200_000), 200_000);
    const deltas = parts.flatMap((part) =>
      part !== 'DONE' && part.type === 'text-delta' ? [part.delta] : [],
    );
    expect(Math.max(...deltas.map((delta) => delta.length))).toBeLessThanOrEqual(20_000);
    const answer = deltas.join('');
    expect(answer.startsWith('x'.repeat(20_000))).toBe(true);
    expect(answer).toMatch(/^x{20000}$/);
    expect(parts).toContainEqual({ type: 'data-notice', data: { kind: 'cut-off', reason: 'answer-bound' } });
  });
});
