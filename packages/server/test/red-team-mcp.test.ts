import { QdrantStore } from '@docent/retrieval';
import { freePort } from '@docent/test-support';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/create-app.js';
import { fixtureChunks, fixtureStore, INFO } from './docs-fixture.js';
import { listen, question, readParts } from './stream-client.js';

const rpc = (method: string, id = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, params: {} });

/**
 * Red team, round 3: MCP and the chat's sources never link off the site, whatever a page's slug says
 * (`slug: '\evil.example/reset'` with `--base-url /` gives the URL `/\evil.example/reset`, which browsers and
 * `new URL` send to evil.example); `/mcp` says 503 while the store is down, and serves a client that
 * accepts only JSON.
 */
describe('red team: MCP and sources', () => {
  let fixture: Awaited<ReturnType<typeof fixtureStore>>;
  let server: Awaited<ReturnType<typeof listen>>;
  let client: Client;

  beforeAll(async () => {
    const hostile = {
      ...fixtureChunks()[0]!,
      id: 'slug-page',
      sourcePath: 'reset.md',
      url: '/\\evil.example/reset#password',
      title: 'Reset',
      headings: ['Reset', 'Password'],
      text: 'Reset > Password\n\nReset your zanzibar password from the account page.',
    };
    fixture = await fixtureStore({
      chunks: [...fixtureChunks(), hostile],
      info: { ...INFO, siteUrl: 'https://docs.example.com' },
    });
    server = await listen(createApp({ store: fixture.store, config: { rateLimit: null }, log: () => {} }));
    client = new Client({ name: 'red-team', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
  });
  afterAll(async () => {
    await client.close();
    await server.close();
    await fixture.cleanup();
  });

  it('search_docs, read_page and ask_docs give no link to another host for a hostile slug', async () => {
    const results = [
      await client.callTool({ name: 'search_docs', arguments: { query: 'zanzibar password' } }),
      await client.callTool({ name: 'read_page', arguments: { url: '/\\evil.example/reset' } }),
      await client.callTool({
        name: 'ask_docs',
        arguments: { question: 'How do I reset my zanzibar password?' },
      }),
    ];
    const text = JSON.stringify(results);
    expect(text).toContain('zanzibar');
    expect(text).not.toMatch(/https?:\/\/evil\.example|[\\/]\\*evil\.example/);
  });

  it('the chat sends that source without its URL', async () => {
    const parts = await readParts(
      await fetch(`${server.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(question('How do I reset my zanzibar password?')),
      }),
    );
    const sources = parts.filter((part) => part !== 'DONE' && part.type === 'source-url');
    expect(sources.length).toBeGreaterThan(0);
    expect(JSON.stringify(sources)).not.toMatch(/evil/);
  });

  it('serves a client that accepts only application/json', async () => {
    const response = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: rpc('tools/list'),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { result: { tools: unknown[] } }).result.tools).toHaveLength(3);
  });

  it('answers 503 (not 500) while the store is down', async () => {
    const store = new QdrantStore({
      url: `http://127.0.0.1:${await freePort()}`,
      collection: 'docs',
      retries: 0,
    });
    const app = createApp({ store, config: { rateLimit: null }, log: () => {} });
    for (const method of ['tools/list', 'initialize']) {
      const response = await app.request('/mcp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: rpc(method),
      });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('store:unavailable');
    }
  });
});
