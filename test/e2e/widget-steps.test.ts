import { join } from 'node:path';
import { FakeOpenAI } from '@docent/test-support';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, screenshot, watchErrors } from './browser.js';
import { siteIndex, siteServer } from './site-server.js';

describe('the widget shows agentic steps and a cut-off notice, in a real browser', {
  timeout: 60_000,
}, () => {
  let browser: Browser;
  let index: Awaited<ReturnType<typeof siteIndex>>;
  let llm: FakeOpenAI;
  let server: Awaited<ReturnType<typeof siteServer>>;

  beforeAll(async () => {
    index = await siteIndex();
    llm = await new FakeOpenAI().start();
    server = await siteServer(
      index.path,
      ['--rate-limit', 'off', '--llm-model', 'fake', '--llm-base-url', llm.url],
      { OPENAI_API_KEY: 'test' },
    );
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await llm?.stop();
    await index?.cleanup();
  });

  it('lists what the model searched for and found, and says the answer was cut off', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/docs/`);
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
    llm.script = [
      { toolCalls: [{ name: 'search_docs', arguments: '{"query":"question log PostgreSQL"}' }] },
      {
        text: 'Run the service with Docker [1]. To keep questions, point the question log at PostgreSQL and',
        finishReason: 'length',
      },
    ];
    await page.click('[data-docent-launcher]');
    await page.fill(
      '[data-docent-panel] textarea',
      'How do I deploy with Docker and keep the questions readers ask?',
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-docent-answer="done"]');
    const answer = page.locator('[data-docent-answer]').last();
    const step = answer.locator('[data-docent-step]');
    expect(await step.count()).toBe(1);
    expect(await step.getAttribute('data-docent-step')).toBe('done');
    expect(await step.innerText()).toMatch(/^Searched for “question log PostgreSQL”: [1-9]\d* sections$/);
    const notice = answer.locator('[data-docent-cut-off]');
    expect(await notice.getAttribute('data-docent-cut-off')).toBe('length');
    expect(await notice.innerText()).toMatch(
      /^The answer was cut off: the language model reached its output limit/,
    );
    expect(await answer.innerText()).toContain('point the question log at PostgreSQL and');
    await screenshot(page, 'answer-steps-cut-off');
    // The whole answer, steps first (the panel scrolls to its end).
    await answer.screenshot({ path: join(ARTIFACTS, 'answer-steps-cut-off-whole.png') });
    // The steps and the notice survive a reload (the chat is kept in localStorage).
    await page.reload();
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
    await page.click('[data-docent-launcher]');
    await expect.poll(() => page.locator('[data-docent-cut-off="length"]').count()).toBe(1);
    expect(await page.locator('[data-docent-step="done"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
