import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@docent/test-support';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/http/create-app.js';
import { parseServerOptions, type ServerOptions } from '../src/server-options.js';
import { startServer } from '../src/start-server.js';
import { fixtureStore } from './docs-fixture.js';
import { question, readParts } from './stream-client.js';

/**
 * Red team, round 3 (high): the Qdrant URL's credentials never leave the process, whatever path an error
 * takes: the start-up log, `/api/chat`, the MCP tools and `/readyz`.
 */
describe('red team: the Qdrant URL credentials with Qdrant unreachable', () => {
  it('never show in the log, the chat error, the MCP tool errors or /readyz', async () => {
    const port = await freePort();
    const logs: string[] = [];
    const server = await startServer(
      parseServerOptions(
        [
          '--store',
          'qdrant',
          '--qdrant-url',
          `http://qdrant-user:hunter2pass@127.0.0.1:${port}/?api-key=K3Y-in-query`,
          '--site-url',
          'https://docs.example.com',
          '--port',
          '0',
          '--host',
          '127.0.0.1',
        ],
        {},
      ) as ServerOptions,
      (line) => logs.push(line),
    );
    try {
      const seen: string[] = [...logs];
      const chat = await fetch(`${server.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(question('How do I deploy?')),
      });
      expect(chat.status).toBe(503);
      seen.push(await chat.text());
      seen.push(await (await fetch(`${server.url}/readyz`)).text());
      const client = new Client({ name: 'red-team', version: '1.0.0' });
      await client
        .connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)))
        .catch((error: Error) => seen.push(error.message));
      for (const [name, args] of [
        ['search_docs', { query: 'deploy' }],
        ['ask_docs', { question: 'How do I deploy?' }],
        ['read_page', { url: '/docs/deployment' }],
      ] as const) {
        const result = await client.callTool({ name, arguments: args }).catch((error: Error) => error);
        seen.push(JSON.stringify(result instanceof Error ? result.message : result));
      }
      await client.close();
      seen.push(...logs);
      const all = seen.join('\n');
      expect(all).toMatch(/unreachable/);
      expect(all).not.toMatch(/qdrant-user|hunter2pass|K3Y-in-query/);
    } finally {
      await server.close();
    }
  });
});

describe('red team: what the question log and the feedback file keep', () => {
  it('redact a token in the page and the same secrets in the feedback file as in the log', async () => {
    const fixture = await fixtureStore();
    const folder = await mkdtemp(join(tmpdir(), 'docent-red-secrets-'));
    try {
      const app = createApp({
        store: fixture.store,
        config: { rateLimit: null },
        questionLog: join(folder, 'questions.jsonl'),
        feedbackFile: join(folder, 'feedback.jsonl'),
        log: () => {},
      });
      const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
      const post = (path: string, body: unknown) =>
        app.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const parts = await readParts(
        await post(
          '/api/chat',
          question('How do I install the theme?', { context: { path: `/docs/intro?token=${token}#setup` } }),
        ),
      );
      const start = parts.find((part) => part !== 'DONE' && part.type === 'start') as { messageId: string };
      const feedback = await post('/api/feedback', {
        messageId: start.messageId,
        rating: 'down',
        reason: `wrong, I am jane@example.com with key ${token}`,
        question: `my password=hunter2 and ${token}`,
        path: `/docs/intro?token=${token}`,
      });
      expect(feedback.status).toBe(202);
      await app.questionLog!.close();
      const kept = `${await readFile(join(folder, 'questions.jsonl'), 'utf8')}${await readFile(join(folder, 'feedback.jsonl'), 'utf8')}`;
      expect(kept).toContain('/docs/intro#setup');
      expect(kept).not.toMatch(/ghp_|jane@example\.com|hunter2/);
    } finally {
      await fixture.cleanup();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
