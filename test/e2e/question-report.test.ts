import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerOptions, type ServerOptions } from '../../packages/server/src/server-options.js';
import { startServer } from '../../packages/server/src/start-server.js';
import { fixtureStore } from '../../packages/server/test/docs-fixture.js';
import { launchBrowser, screenshot, watchErrors } from './browser.js';

const root = join(import.meta.dirname, '..', '..');

const QUESTIONS = [
  'How do I install the theme with npm?',
  'How do I install it with yarn?',
  'How do I turn off proxy buffering for nginx?',
  'Which keyboard shortcut opens the chat?',
  'How do I run Docent in Docker?',
  'Does Docent support Mercurial repositories?',
  'Is there Mercurial support?',
  'Can I index a Mercurial repository?',
  'Is there a Kubernetes Helm chart?',
  'How do I deploy with Helm on Kubernetes?',
  'What is the best sourdough bread recipe?',
];

describe('the question report, from a running service to a page a site owner opens', {
  timeout: 120_000,
}, () => {
  let folder: string;
  let browser: Browser;
  let fixture: Awaited<ReturnType<typeof fixtureStore>>;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-report-'));
    fixture = await fixtureStore();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await fixture?.cleanup();
    await rm(folder, { recursive: true, force: true });
  });

  it('logs questions and feedback, groups what the docs miss, and renders it', async () => {
    const log = join(folder, 'questions.jsonl');
    const service = await startServer(
      parseServerOptions(
        [
          '--index',
          fixture.path,
          '--port',
          '0',
          '--host',
          '127.0.0.1',
          '--question-log',
          log,
          '--rate-limit',
          'off',
        ],
        {},
      ) as ServerOptions,
      () => {},
    );
    expect(service.describe).toMatch(/question log jsonl/);
    const ids: string[] = [];
    for (const text of QUESTIONS) {
      const response = await fetch(`${service.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }] }),
      });
      ids.push(/"type":"start","messageId":"([^"]+)"/.exec(await response.text())![1]!);
    }
    for (const [index, rating, reason] of [
      [0, 'up', undefined],
      [2, 'down', 'It does not say where the nginx file is'],
    ] as const) {
      await fetch(`${service.url}/api/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messageId: ids[index], rating, ...(reason ? { reason } : {}) }),
      });
    }
    await service.close();

    const out = join(folder, 'report');
    const report = spawnSync(
      'pnpm',
      ['run', 'report', '--', '--from', log, '--out', out, '--site-url', 'https://docs.example.com'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } },
    );
    expect(report.status, report.stderr).toBe(0);
    const data = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(data.totals).toMatchObject({ questions: QUESTIONS.length, feedback: { up: 1, down: 1 } });
    const topics = data.unansweredTopics as { words: string[]; count: number; examples: string[] }[];
    const mercurial = topics.find((topic) => topic.words.includes('mercurial'));
    expect(mercurial?.count).toBe(3);
    expect(topics.find((topic) => topic.words.includes('helm'))?.count).toBe(2);
    expect(data.thumbsDown[0]).toMatchObject({
      question: QUESTIONS[2],
      reason: 'It does not say where the nginx file is',
    });

    const page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
    const errors = watchErrors(page);
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    await expect(page.locator('h1').textContent()).resolves.toBe('What readers ask');
    await expect(page.locator('table').first().textContent()).resolves.toContain(
      'Can I index a Mercurial repository?',
    );
    expect(await page.locator('svg rect.declined').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href^="https://docs.example.com/docs/"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'question-report');
    expect(errors).toEqual([]);
  });
});
