import { describe, expect, it } from 'vitest';
import { OpenAIGenerator } from '../src/answering/openai-generator.js';
import { createApp } from '../src/http/create-app.js';
import { publicText, redactUrl } from '../src/http/public-text.js';
import { parseServerOptions, type ServerOptions } from '../src/server-options.js';
import { startServer } from '../src/start-server.js';
import { fixtureStore } from './docs-fixture.js';

describe('secrets never leave the process (red team: credentials in URLs, the server layout)', () => {
  it('redacts user names, passwords and secret-looking query values from URLs', () => {
    expect(redactUrl('https://user:s3cret@llm.example/v1?api-key=abc&deployment=x')).toBe(
      'https://llm.example/v1?api-key=redacted&deployment=x',
    );
    expect(redactUrl('http://qdrant:6333')).toBe('http://qdrant:6333/');
    expect(
      publicText('12 chunks loaded from /srv/site/.docent/index.docent; see https://a:b@x.example/?token=1'),
    ).toBe('12 chunks loaded from index.docent; see https://x.example/?token=redacted');
  });

  it('/readyz shows neither the LLM credentials nor the index folder', async () => {
    const fixture = await fixtureStore();
    const app = createApp({
      store: fixture.store,
      generator: new OpenAIGenerator({
        model: 'gpt-test',
        baseURL: 'https://reader:hunter2@llm.example/v1?api-key=sk-live-123',
        apiKey: 'sk-test',
      }),
      log: () => {},
    });
    const body = await (await app.request('/readyz')).text();
    await fixture.cleanup();
    expect(body).toContain('llm.example/v1?api-key=redacted');
    expect(body).not.toMatch(/hunter2|sk-live-123|reader:/);
    expect(body).toContain('index.docent');
    expect(body).not.toContain(fixture.path.slice(0, fixture.path.lastIndexOf('/')));
  });

  it('the start-up line does not show the LLM or Qdrant credentials either', async () => {
    const fixture = await fixtureStore();
    const service = await startServer(
      parseServerOptions(
        [
          '--index',
          fixture.path,
          '--port',
          '0',
          '--host',
          '127.0.0.1',
          '--llm-model',
          'gpt-test',
          '--llm-base-url',
          'https://reader:hunter2@llm.example/v1',
        ],
        {
          OPENAI_API_KEY: 'sk-test',
        },
      ) as ServerOptions,
      () => {},
    );
    await service.close();
    await fixture.cleanup();
    expect(service.describe).toContain('https://llm.example/v1');
    expect(service.describe).not.toContain('hunter2');
  });
});
