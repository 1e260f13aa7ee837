import { createServer, type Socket, connect as tcpConnect } from 'node:net';
import { type PostgresServer, startPostgres } from '@docent/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/create-app.js';
import { Metrics } from '../src/http/metrics.js';
import { PostgresQuestionLog } from '../src/question-log/postgres-question-log.js';
import type { QuestionEntry } from '../src/question-log/question-log.js';
import { readQuestionLog } from '../src/question-log/read-question-log.js';
import { fixtureStore } from './docs-fixture.js';
import { listen, question, readParts } from './stream-client.js';

/** A TCP relay in front of PostgreSQL that counts the connections the log opens. */
async function countingRelay(target: URL) {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    connections++;
    const upstream = tcpConnect(Number(target.port), target.hostname);
    for (const end of [socket, upstream]) {
      sockets.add(end);
      end.on('error', () => {});
      end.on('close', () => sockets.delete(end));
    }
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target.href);
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.href,
    connections: () => connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function entry(n: number, text = 'How do I deploy?'): QuestionEntry {
  return {
    type: 'question',
    at: new Date().toISOString(),
    answerId: `stalled-${n}`,
    question: text,
    locale: 'en',
    version: 'current',
    page: '/docs/intro',
    outcome: 'ok',
    declined: false,
    score: 1,
    sources: [],
    missingWords: [],
  };
}

/** Red team, round 3: the PostgreSQL question log against refused values and a stalled database. */
describe('red team: the PostgreSQL question log', async () => {
  const postgres = await startPostgres();
  const skipped = 'skipped' in postgres ? postgres.skipped : null;
  let fixture: Awaited<ReturnType<typeof fixtureStore>>;
  beforeAll(async () => {
    fixture = await fixtureStore();
  });
  afterAll(async () => {
    await fixture?.cleanup();
    if (!skipped) (postgres as PostgresServer).destroy();
  });

  it.skipIf(skipped)(
    'isolates a value PostgreSQL refuses (NUL) to its own entry: counted, the others written',
    async () => {
      const { url } = postgres as PostgresServer;
      const app = createApp({
        store: fixture.store,
        config: { rateLimit: null },
        questionLog: url,
        log: () => {},
      });
      const server = await listen(app);
      const post = (path: string, body: unknown) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post('/api/feedback', { messageId: 'a\u0000', rating: 'down' })).status).toBe(202);
      await readParts(await post('/api/chat', question('How do I install the theme with npm?\u0000')));
      await readParts(await post('/api/chat', question('How do I deploy with docker compose?')));
      await (app.questionLog as PostgresQuestionLog).flush();
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      await server.close();
      await app.questionLog!.close();
      expect(metrics).toMatch(/docent_question_log_rejected_total 2/);
      expect(metrics).toMatch(/docent_question_log_pending 0/);
      const { entries } = await readQuestionLog(url);
      expect(
        entries.filter((logged) => logged.type === 'question').map((logged) => logged.question),
      ).toContain('How do I deploy with docker compose?');
    },
  );

  it.skipIf(skipped)(
    'with PostgreSQL stalled: one connection, a buffer bounded by bytes, and close returns',
    async () => {
      const database = postgres as PostgresServer;
      const relay = await countingRelay(new URL(database.url));
      const metrics = new Metrics();
      const lines: string[] = [];
      database.pause();
      try {
        const log = new PostgresQuestionLog({
          url: relay.url,
          flushMs: 20,
          batchSize: 1,
          timeoutMs: 300,
          maxPendingBytes: 20_000,
          metrics,
          log: (line) => lines.push(line),
        });
        for (let n = 0; n < 300; n++) {
          log.record(entry(n, `question ${n} ${'x'.repeat(1000)}`));
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const pending = Number(
          /docent_question_log_pending (\d+)/.exec(await metrics.registry.metrics())![1],
        );
        expect(pending).toBeGreaterThan(0);
        expect(pending).toBeLessThanOrEqual(20);
        await log.close();
        expect(relay.connections()).toBeLessThanOrEqual(3);
        expect(lines.join('\n')).toMatch(/entries could not be written to PostgreSQL/);
      } finally {
        database.resume();
        await relay.close();
      }
    },
    20_000,
  );
});
