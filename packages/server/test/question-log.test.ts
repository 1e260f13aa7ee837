import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOpenAI, type PostgresServer, startPostgres } from '@docent/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAIGenerator } from '../src/answering/openai-generator.js';
import { createApp } from '../src/http/create-app.js';
import { Metrics } from '../src/http/metrics.js';
import { JsonlQuestionLog } from '../src/question-log/jsonl-question-log.js';
import type { LogEntry, QuestionEntry } from '../src/question-log/question-log.js';
import { readQuestionLog } from '../src/question-log/read-question-log.js';
import { questionReport } from '../src/report/question-report.js';
import { fixtureStore } from './docs-fixture.js';
import { listen, question, readParts } from './stream-client.js';

const ANSWERABLE = [
  'How do I install the theme with npm?',
  'How do I turn off proxy buffering for nginx?',
  // A reader pastes their address and a key: neither may be stored (the words they add also make Docent
  // decline: nothing in the docs mentions them).
  'I am jane.doe@example.com and my key sk-proj-abcdefghijklmnop1234 fails: how do I run it in Docker?',
];
/** Two topics the fixture docs do not cover, asked in several ways. */
const UNANSWERABLE = [
  'What is the best sourdough bread recipe?',
  'Any good sourdough recipe for bread?',
  'How long should sourdough bread rise?',
  'Does Docent support Mercurial repositories?',
  'Is there Mercurial support?',
];

type Fixture = Awaited<ReturnType<typeof fixtureStore>>;

/** Asks every question through real HTTP, rates the first answer down, returns the answer ids. */
async function askEverything(url: string): Promise<string[]> {
  const ids: string[] = [];
  for (const text of [...ANSWERABLE, ...UNANSWERABLE]) {
    const response = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify(question(text, { context: { locale: 'en', path: '/docs/intro' } })),
    });
    const parts = await readParts(response);
    const start = parts.find((part) => part !== 'DONE' && part.type === 'start');
    ids.push((start as { messageId: string }).messageId);
  }
  const feedback = await fetch(`${url}/api/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      messageId: ids[0],
      rating: 'down',
      reason: 'Outdated: write to me at jane@example.com',
    }),
  });
  expect(feedback.status).toBe(202);
  return ids;
}

function checkLogged(entries: LogEntry[], ids: string[]): void {
  const questions = entries.filter((entry): entry is QuestionEntry => entry.type === 'question');
  expect(questions.map((entry) => entry.answerId)).toEqual(ids);
  expect(questions.map((entry) => entry.declined)).toEqual([
    false,
    false,
    true,
    true,
    true,
    true,
    true,
    true,
  ]);
  expect(questions[2]!.question).toBe('I am [email] and my key [key] fails: how do I run it in Docker?');
  expect(questions[0]).toMatchObject({
    locale: 'en',
    page: '/docs/intro',
    outcome: 'ok',
    sources: expect.arrayContaining([
      { url: expect.stringMatching(/^\/docs\/install#/), score: expect.any(Number) },
    ]),
  });
  expect(questions[3]).toMatchObject({ declined: true, declinedBy: 'retrieval' });
  // No client address, no cookie, anywhere in what is stored.
  expect(JSON.stringify(entries)).not.toMatch(/203\.0\.113\.9|jane|sk-proj/);
  expect(entries.find((entry) => entry.type === 'feedback')).toMatchObject({
    answerId: ids[0],
    rating: 'down',
    reason: 'Outdated: write to me at [email]',
  });
  const report = questionReport(entries);
  expect(report.totals).toMatchObject({ questions: 8, declined: 6, feedback: { up: 0, down: 1 } });
  expect(report.unansweredTopics.map((topic) => topic.count)).toEqual([3, 2, 1]);
  expect(report.unansweredTopics[0]!.words).toContain('sourdough');
  expect(report.unansweredTopics[1]!.words).toContain('mercurial');
  expect(report.thumbsDown[0]).toMatchObject({
    question: ANSWERABLE[0],
    reason: 'Outdated: write to me at [email]',
  });
}

describe('the question log', () => {
  let fixture: Fixture;
  let folder: string;
  beforeAll(async () => {
    fixture = await fixtureStore();
    folder = await mkdtemp(join(tmpdir(), 'docent-qlog-'));
  });
  afterAll(async () => {
    await fixture.cleanup();
    await rm(folder, { recursive: true, force: true });
  });

  it('records every question and feedback in a JSONL file, joined by answer id, secrets redacted', async () => {
    const path = join(folder, 'questions.jsonl');
    const app = createApp({
      store: fixture.store,
      config: { rateLimit: null, trustProxy: 1 },
      questionLog: path,
      log: () => {},
    });
    const server = await listen(app);
    const ids = await askEverything(server.url);
    await server.close();
    await app.questionLog!.close();
    const { entries, skippedLines } = await readQuestionLog(path);
    expect(skippedLines).toBe(0);
    checkLogged(entries, ids);
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(9);
  });

  it('rotates the file by size and reads the rotated files back in order', async () => {
    const path = join(folder, 'rotating.jsonl');
    const metrics = new Metrics();
    const log = new JsonlQuestionLog({ path, maxBytes: 600, keep: 3, metrics, log: () => {} });
    const entry = (n: number): LogEntry => ({
      type: 'feedback',
      at: `2026-11-0${n}T00:00:00.000Z`,
      answerId: `a${n}`,
      rating: 'up',
      reason: 'x'.repeat(150),
    });
    for (let n = 1; n <= 9; n++) {
      log.record(entry(n));
      await log.close();
    }
    const { entries } = await readQuestionLog(path);
    // Two entries a file; the fourth rotation dropped the oldest file (a1, a2).
    expect(entries.map((read) => read.answerId)).toEqual(['a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9']);
    expect(await metrics.registry.getSingleMetricAsString('docent_question_log_written_total')).toMatch(
      / 9$/m,
    );
  });

  it('never slows or breaks an answer when the log cannot be written: the failure is counted', async () => {
    const app = createApp({
      store: fixture.store,
      config: { rateLimit: null },
      // A folder where a file is expected: every write fails.
      questionLog: folder,
      log: () => {},
    });
    const server = await listen(app);
    const parts = await readParts(
      await fetch(`${server.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(question('How do I install the theme with npm?')),
      }),
    );
    expect(parts.at(-1)).toBe('DONE');
    expect(parts.some((part) => part !== 'DONE' && part.type === 'error')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/docent_question_log_failures_total [1-9]/);
    expect(metrics).toMatch(/docent_question_log_pending 1/);
    await server.close();
    await app.questionLog!.close();
  });
});

describe('the question log in PostgreSQL', async () => {
  const postgres = await startPostgres();
  const skipped = 'skipped' in postgres ? postgres.skipped : null;
  if (skipped) console.warn(`[docent tests] ${skipped}`);
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await fixtureStore();
  });
  afterAll(async () => {
    await fixture?.cleanup();
    if (!skipped) (postgres as PostgresServer).destroy();
  });

  it.skipIf(skipped)('creates its tables, writes in batches, and the report reads them back', async () => {
    const { url } = postgres as PostgresServer;
    const app = createApp({
      store: fixture.store,
      config: { rateLimit: null },
      questionLog: url,
      log: () => {},
    });
    const server = await listen(app);
    const ids = await askEverything(server.url);
    await server.close();
    await app.questionLog!.close();
    const { entries } = await readQuestionLog(url);
    checkLogged(entries, ids);
    // The report command reads the same tables.
    const out = await mkdtemp(join(tmpdir(), 'docent-pg-report-'));
    try {
      const run = spawnSync('pnpm', ['run', 'report', '--', '--from', url, '--out', out], {
        cwd: join(import.meta.dirname, '..', '..', '..'),
        encoding: 'utf8',
        env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
      });
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
      expect(report.unansweredTopics.map((topic: { count: number }) => topic.count)).toEqual([3, 2, 1]);
      expect(report.thumbsDown[0].reason).toBe('Outdated: write to me at [email]');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it.skipIf(skipped)('keeps answering while the database is down, then writes what it kept', async () => {
    const database = postgres as PostgresServer;
    const lines: string[] = [];
    const app = createApp({
      store: fixture.store,
      config: { rateLimit: null },
      questionLog: database.url,
      log: (line) => lines.push(line),
    });
    const server = await listen(app);
    const ask = async (text: string) =>
      readParts(
        await fetch(`${server.url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(question(text)),
        }),
      );
    database.stop();
    try {
      const parts = await ask('How do I install the theme with npm?');
      expect(parts.at(-1)).toBe('DONE');
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/docent_question_log_failures_total [1-9]/);
      expect(metrics).toMatch(/docent_question_log_pending 1/);
      expect(lines.join('\n')).toMatch(/PostgreSQL write failed .* 1 entries kept, retrying/);
    } finally {
      database.start();
    }
    const deadline = Date.now() + 10_000;
    while (!/docent_question_log_pending 0/.test(await (await fetch(`${server.url}/metrics`)).text())) {
      if (Date.now() > deadline) throw new Error('the kept entry was never written');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await server.close();
    await app.questionLog!.close();
    const { entries } = await readQuestionLog(database.url);
    expect(entries.filter((entry) => entry.type === 'question')).toHaveLength(9);
    expect(lines.join('\n')).toMatch(/PostgreSQL is writable again/);
  });
  // Last: the tables are shared with the tests above, which count every entry.
  it.skipIf(skipped)('keeps a cut-off answer and the model usage, and reads them back', async () => {
    const { url } = postgres as PostgresServer;
    const llm = await new FakeOpenAI().start();
    const app = createApp({
      store: fixture.store,
      generator: new OpenAIGenerator({ model: 'fake-chat', baseURL: llm.url, apiKey: 'test' }),
      config: { rateLimit: null, agenticSteps: 0 },
      questionLog: url,
      log: () => {},
    });
    try {
      llm.script = [
        {
          text: '1. Install [1].\n2. Add',
          finishReason: 'length',
          usage: { prompt_tokens: 900, completion_tokens: 12 },
        },
      ];
      const response = await app.request('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(question('How do I install the theme with npm?')),
      });
      const parts = await readParts(response);
      const id = (parts.find((part) => part !== 'DONE' && part.type === 'start') as { messageId: string })
        .messageId;
      await app.questionLog!.close();
      const { entries } = await readQuestionLog(url);
      expect(entries.find((entry) => entry.answerId === id)).toMatchObject({
        cutOff: 'length',
        usage: { model: 'fake-chat', promptTokens: 900, completionTokens: 12, reported: true, steps: 0 },
      });
    } finally {
      await llm.stop();
    }
  });
});
