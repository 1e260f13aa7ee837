import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalStore } from '@docent/retrieval';
import { FakeOpenAI } from '@docent/test-support';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAIGenerator } from '../src/answering/openai-generator.js';
import { createApp } from '../src/http/create-app.js';
import { fixtureChunks, fixtureStore, INFO } from './docs-fixture.js';
import { listen } from './stream-client.js';

type Served = Awaited<ReturnType<typeof listen>>;
type TextResult = {
  content: { type: string; text: string }[];
  isError?: boolean;
  structuredContent?: unknown;
};

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: 'docent-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
  return client;
}

function text(result: unknown): string {
  return (result as TextResult).content.map((part) => part.text).join('\n');
}

/** Fixture chunks with their place on the page, stored in reverse so order must come from `position`. */
function orderedChunks() {
  const onPage = new Map<string, number>();
  return fixtureChunks()
    .map((chunk) => {
      const page = `${chunk.locale}/${chunk.version}/${chunk.sourcePath}`;
      const position = onPage.get(page) ?? 0;
      onPage.set(page, position + 1);
      return { ...chunk, position };
    })
    .reverse();
}

describe('the MCP endpoint (the official SDK client over real HTTP)', () => {
  let fixture: Awaited<ReturnType<typeof fixtureStore>>;
  let llm: FakeOpenAI;
  let server: Served;
  let client: Client;
  let logPath: string;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    fixture = await fixtureStore({
      chunks: orderedChunks(),
      info: { ...INFO, siteUrl: 'https://docs.example.com' },
    });
    logPath = join(fixture.folder, 'questions.jsonl');
    llm = await new FakeOpenAI().start();
    app = createApp({
      store: fixture.store,
      generator: new OpenAIGenerator({
        model: 'fake-chat',
        baseURL: llm.url,
        apiKey: 'test',
        retryBaseDelayMs: 5,
      }),
      config: { rateLimit: null, answerTimeoutMs: 3000 },
      questionLog: logPath,
      log: () => {},
    });
    server = await listen(app);
    client = await connect(server.url);
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
    await app?.questionLog?.close();
    await llm?.stop();
    await fixture?.cleanup();
  });

  it('lists the three read-only tools with their input schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['ask_docs', 'read_page', 'search_docs']);
    const search = tools.find((tool) => tool.name === 'search_docs')!;
    expect(search.inputSchema.required).toEqual(['query']);
    expect(Object.keys(search.inputSchema.properties ?? {}).sort()).toEqual([
      'limit',
      'locale',
      'query',
      'version',
    ]);
    expect(tools.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
    expect(client.getServerVersion()?.name).toBe('docent');
  });

  it('search_docs returns sections with title, breadcrumb, absolute page#anchor URL and text', async () => {
    const result = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'nginx proxy buffering streaming', limit: 2 },
    });
    const { results } = result.structuredContent as {
      results: { title: string; breadcrumb: string; url: string; text: string; score: number }[];
    };
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(2);
    expect(results[0]).toMatchObject({
      title: 'Deployment',
      breadcrumb: 'Deployment › Reverse proxies',
      url: 'https://docs.example.com/docs/deployment#reverse-proxies',
    });
    expect(results[0]!.text).toMatch(/^Turn off response buffering/);
    expect(text(result)).toContain('URL: https://docs.example.com/docs/deployment#reverse-proxies');
  });

  it('search_docs keeps to the version and locale asked for, and names the known ones for an unknown one', async () => {
    const old = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'install npm', version: '1.x' },
    });
    const urls = (old.structuredContent as { results: { url: string }[] }).results.map(
      (result) => result.url,
    );
    expect(urls).toEqual(['https://docs.example.com/docs/1.x/install#with-npm']);
    const french = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'installez', locale: 'fr' },
    });
    expect(text(french)).toContain('https://docs.example.com/fr/docs/install#avec-npm');
    const unknown = (await client.callTool({
      name: 'search_docs',
      arguments: { query: 'install', version: '9.x' },
    })) as TextResult;
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toMatch(/Unknown docs version "9.x". This index has: .*1\.x/);
  });

  it('read_page reads a whole page in its order, or one section, by URL', async () => {
    const page = text(
      await client.callTool({
        name: 'read_page',
        arguments: { url: 'https://docs.example.com/docs/install' },
      }),
    );
    expect(page).toBe(
      [
        '# Installation',
        '',
        'Source: https://docs.example.com/docs/install',
        '',
        '## With npm',
        '',
        'Install the theme with npm install @docent/docusaurus-theme, then add it to themes in docusaurus.config.js.',
        '',
        '## With yarn',
        '',
        'With Yarn, run yarn add @docent/docusaurus-theme. Yarn Berry works the same way.',
      ].join('\n'),
    );
    const section = text(
      await client.callTool({ name: 'read_page', arguments: { url: '/docs/install#with-yarn' } }),
    );
    expect(section).toContain('Source: https://docs.example.com/docs/install#with-yarn');
    expect(section).toContain('Yarn Berry');
    expect(section).not.toContain('npm install');
    const malformed = (await client.callTool({
      name: 'read_page',
      arguments: { url: '/docs/install#%E0%A4%A' },
    })) as TextResult;
    expect(malformed.isError).toBe(true);
    expect(text(malformed)).toMatch(/The page has no section #%E0%A4%A/);
    const missing = (await client.callTool({
      name: 'read_page',
      arguments: { url: '/docs/nope' },
    })) as TextResult;
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/No page of these docs is at \/docs\/nope. Use search_docs/);
  });

  it('ask_docs answers through the same pipeline as the chat: cited, made safe, logged as an MCP question', async () => {
    llm.script = [{ text: 'Set proxy_buffering off [1]. [evil](https://evil.example/x)' }];
    const answer = text(
      await client.callTool({
        name: 'ask_docs',
        arguments: { question: 'How do I set up nginx for streaming?' },
      }),
    );
    expect(answer).toContain('Set proxy_buffering off [1].');
    expect(answer).not.toContain('https://evil.example');
    expect(answer).toMatch(
      /Sources:\n\[1\] Deployment › Reverse proxies: https:\/\/docs\.example\.com\/docs\/deployment#reverse-proxies/,
    );
    await app.questionLog!.close();
    const entries = (await readFile(logPath, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(entries.at(-1)).toMatchObject({ type: 'question', channel: 'mcp', outcome: 'ok', page: null });
  });

  it('ask_docs declines what the docs do not cover, and reports a failed LLM as a tool error', async () => {
    const declined = text(
      await client.callTool({
        name: 'ask_docs',
        arguments: { question: 'What is the airspeed of an unladen swallow?' },
      }),
    );
    expect(declined).toMatch(/^The docs do not seem to cover this/);
    llm.script = [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }];
    const failed = (await client.callTool({
      name: 'ask_docs',
      arguments: { question: 'How do I set up nginx for streaming?' },
    })) as TextResult;
    expect(failed.isError).toBe(true);
    expect(text(failed)).toMatch(/Retry to ask again/);
  });

  it('refuses questions over the length bound, as the chat does', async () => {
    const result = (await client.callTool({
      name: 'search_docs',
      arguments: { query: 'x'.repeat(app.config.maxQuestionLength + 1) },
    })) as TextResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/too_big|at most|2000/i);
  });
});

describe('who may call /mcp', () => {
  let fixture: Awaited<ReturnType<typeof fixtureStore>>;
  let store: LocalStore;

  beforeAll(async () => {
    fixture = await fixtureStore();
    store = fixture.store;
  });
  afterAll(async () => fixture.cleanup());

  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
  };
  const post = (url: string, headers: Record<string, string>, body: unknown = initialize) =>
    fetch(`${url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: JSON.stringify(body),
    });

  it('lets programs (no Origin) in, refuses unlisted browser origins even with "*" (DNS rebinding)', async () => {
    const server = await listen(createApp({ store, config: { rateLimit: null }, log: () => {} }));
    expect((await post(server.url, {})).status).toBe(200);
    // A page on another name that resolves to this machine: its Origin is its own name, and Host matches it.
    const rebinding = await post(server.url, {
      origin: 'http://attacker.example:8787',
      host: 'attacker.example:8787',
    });
    expect(rebinding.status).toBe(403);
    expect(((await rebinding.json()) as { error: { message: string } }).error.message).toMatch(
      /list the origin in DOCENT_ALLOWED_ORIGINS/,
    );
    // A local inspector page calling a local service.
    expect((await post(server.url, { origin: 'http://localhost:6274' })).status).toBe(200);
    await server.close();

    const listed = await listen(
      createApp({
        store,
        config: { rateLimit: null, allowedOrigins: ['https://tools.example.com'] },
        log: () => {},
      }),
    );
    expect((await post(listed.url, { origin: 'https://tools.example.com' })).status).toBe(200);
    expect((await post(listed.url, { origin: 'https://other.example.com' })).status).toBe(403);
    await listed.close();
  });

  it('counts MCP requests against the same rate limit as the chat, and takes one message per request', async () => {
    const server = await listen(
      createApp({ store, config: { rateLimit: { burst: 3, perMinute: 1 } }, log: () => {} }),
    );
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++) statuses.push((await post(server.url, {})).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    await server.close();

    const open = await listen(createApp({ store, config: { rateLimit: null }, log: () => {} }));
    const batch = await post(open.url, {}, [initialize, { ...initialize, id: 2 }]);
    expect(batch.status).toBe(400);
    const get = await fetch(`${open.url}/mcp`, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    await open.close();
  });

  it('is not served with --mcp off', async () => {
    const server = await listen(createApp({ store, config: { rateLimit: null, mcp: false }, log: () => {} }));
    expect((await post(server.url, {})).status).toBe(404);
    await server.close();
  });
});
