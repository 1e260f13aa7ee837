import type { StreamPart } from '@docent/protocol';
import { DefaultChatTransport, readUIMessageStream, type UIMessage } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACTIVE_PREFACE } from '../src/answering/extractive-generator.js';
import { createApp } from '../src/http/create-app.js';
import { fixtureStore } from './docs-fixture.js';
import { answerText, listen, question, readParts } from './stream-client.js';

describe('POST /api/chat with the extractive generator', () => {
  let fixture: Awaited<ReturnType<typeof fixtureStore>>;
  let app: ReturnType<typeof createApp>;
  let server: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    fixture = await fixtureStore();
    app = createApp({ store: fixture.store, config: { rateLimit: null }, log: () => {} });
    server = await listen(app);
  });
  afterAll(async () => {
    await server.close();
    await fixture.cleanup();
  });

  const post = (body: unknown) =>
    fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('is read by the AI SDK client as a whole message with its sources', async () => {
    const transport = new DefaultChatTransport<UIMessage>({ api: `${server.url}/api/chat` });
    const stream = await transport.sendMessages({
      chatId: 'chat-1',
      messageId: undefined,
      trigger: 'submit-message',
      abortSignal: undefined,
      messages: [
        {
          id: 'u1',
          role: 'user',
          parts: [{ type: 'text', text: 'How do I turn off proxy buffering for nginx?' }],
        },
      ],
    });
    let message: UIMessage | undefined;
    for await (const snapshot of readUIMessageStream({ stream })) message = snapshot;
    expect(message?.role).toBe('assistant');
    const sources = message!.parts.filter((part) => part.type === 'source-url');
    expect(sources[0]).toMatchObject({
      url: '/docs/deployment#reverse-proxies',
      title: 'Deployment › Reverse proxies',
    });
    const text = message!.parts.find((part) => part.type === 'text');
    expect(text).toMatchObject({ text: expect.stringContaining('proxy_buffering off') });
    expect((text as { text: string }).text).toContain('[1]');
    expect(message!.parts.find((part) => part.type === 'data-answer')).toMatchObject({
      data: { declined: false, mode: 'extractive' },
    });
    expect(message!.metadata).toMatchObject({ signature: expect.any(String), declined: false });
  });

  it('sends the stream parts in order: start, sources, text, data, finish, [DONE]', async () => {
    const response = await post(question('Which keyboard shortcut opens the chat?'));
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const parts = await readParts(response);
    const types = parts.map((part) => (part === 'DONE' ? 'DONE' : part.type));
    const firstText = types.indexOf('text-start');
    expect(types[0]).toBe('start');
    expect(types.slice(1, firstText).every((type) => type === 'source-url')).toBe(true);
    expect(firstText).toBeGreaterThan(1);
    expect(types.slice(-4)).toEqual(['text-end', 'data-answer', 'finish', 'DONE']);
    const text = answerText(parts);
    expect(text.startsWith(EXTRACTIVE_PREFACE)).toBe(true);
    expect(text).toContain('Ctrl+I');
    const sourceCount = parts.filter((part) => part !== 'DONE' && part.type === 'source-url').length;
    for (const [, n] of text.matchAll(/\[(\d+)\]/g)) expect(Number(n)).toBeLessThanOrEqual(sourceCount);
  });

  it('declines a question the docs do not cover, linking the nearest pages', async () => {
    const parts = await readParts(await post(question('What is the best sourdough bread recipe?')));
    const data = parts.find(
      (part): part is Extract<StreamPart, { type: 'data-answer' }> =>
        part !== 'DONE' && part.type === 'data-answer',
    );
    expect(data?.data.declined).toBe(true);
    const text = answerText(parts);
    expect(text).toMatch(/do not seem to cover this/);
    const urls = parts
      .filter((part) => part !== 'DONE' && part.type === 'source-url')
      .map((part) => (part as { url: string }).url);
    for (const [, url] of text.matchAll(/\]\(([^)]+)\)/g)) expect(urls).toContain(url);
  });

  it("declines a question in the docs' own words about a topic they never mention", async () => {
    const parts = await readParts(
      await post(question('How do I install the theme from a Mercurial repository with npm?')),
    );
    const data = parts.find(
      (part): part is Extract<StreamPart, { type: 'data-answer' }> =>
        part !== 'DONE' && part.type === 'data-answer',
    );
    expect(data?.data.declined).toBe(true);
    expect(parts.some((part) => part !== 'DONE' && part.type === 'source-url')).toBe(true);
  });

  it("answers from the reader's locale and version only", async () => {
    const french = await readParts(await post(question('npm install', { context: { locale: 'fr' } })));
    const frenchUrls = french
      .filter((part) => part !== 'DONE' && part.type === 'source-url')
      .map((part) => (part as { url: string }).url);
    expect(frenchUrls.length).toBeGreaterThan(0);
    expect(frenchUrls.every((url) => url.startsWith('/fr/'))).toBe(true);
    const legacy = await readParts(
      await post(question('How do I install with npm?', { context: { version: '1.x' } })),
    );
    expect(answerText(legacy)).toContain('docent-legacy');
  });

  it('resolves a follow-up with the previous question (no LLM)', async () => {
    const response = await post({
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'How do I install the Docusaurus theme with npm?' }] },
        { role: 'user', parts: [{ type: 'text', text: 'and with yarn?' }] },
      ],
    });
    const parts = await readParts(response);
    const first = parts.find((part) => part !== 'DONE' && part.type === 'source-url') as { url: string };
    expect(first.url).toBe('/docs/install#with-yarn');
  });

  it('boosts the page the reader is on and the text they selected', async () => {
    const onDeployment = await readParts(
      await post(question('How do I run it?', { context: { path: '/docs/deployment' } })),
    );
    const first = onDeployment.find((part) => part !== 'DONE' && part.type === 'source-url') as {
      url: string;
    };
    expect(first.url).toMatch(/^\/docs\/deployment#/);
    const selected = await readParts(
      await post(
        question('What does this mean?', {
          context: { selection: 'a no-op run makes zero embedding calls' },
        }),
      ),
    );
    const top = selected.find((part) => part !== 'DONE' && part.type === 'source-url') as { url: string };
    expect(top.url).toBe('/docs/indexing#incremental-runs');
  });

  it('records feedback, and exposes health, readiness and metrics', async () => {
    const feedback = await fetch(`${server.url}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messageId: 'm1', rating: 'down', reason: 'wrong page' }),
    });
    expect(feedback.status).toBe(202);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ok: true,
      store: { kind: 'local', chunks: 9 },
      generator: { mode: 'extractive' },
    });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/docent_feedback_total\{rating="down"\} 1/);
    expect(metrics).toMatch(/docent_declined_answers_total [1-9]/);
    expect(metrics).toMatch(/docent_time_to_first_token_seconds_count\{mode="extractive"\} [1-9]/);
    expect(metrics).toMatch(/docent_retrieval_duration_seconds_count [1-9]/);
    expect(metrics).toMatch(/docent_http_requests_total\{route="\/api\/chat",status="200"\}/);
  });
});
