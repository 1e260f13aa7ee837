import { FakeOpenAI } from '@docent/test-support';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, watchErrors } from './browser.js';
import { siteIndex, siteServer } from './site-server.js';

type Server = Awaited<ReturnType<typeof siteServer>>;

describe('the chat widget in a real browser, against the real answer service', { timeout: 60_000 }, () => {
  let browser: Browser;
  let index: Awaited<ReturnType<typeof siteIndex>>;
  let extractive: Server;
  let llm: FakeOpenAI;
  let withLlm: Server;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    index = await siteIndex();
    extractive = await siteServer(index.path, ['--rate-limit', 'off']);
    llm = await new FakeOpenAI().start();
    withLlm = await siteServer(
      index.path,
      ['--rate-limit', 'off', '--llm-model', 'fake', '--llm-base-url', llm.url],
      { OPENAI_API_KEY: 'test' },
    );
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await extractive?.close();
    await withLlm?.close();
    await llm?.stop();
    await index?.cleanup();
  });

  async function open(
    path: string,
    options: {
      server?: Server;
      viewport?: { width: number; height: number };
      colorScheme?: 'dark' | 'light';
    } = {},
  ) {
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 800 },
      colorScheme: options.colorScheme ?? 'light',
    });
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${(options.server ?? extractive).url}${path}`);
    // The launcher is server-rendered; it works once React has hydrated, which Docusaurus marks on <html>.
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
    return { page, errors, context };
  }

  async function ask(page: Page, question: string) {
    await page.fill('[data-docent-panel] textarea', question);
    await page.keyboard.press('Enter');
  }

  const lastAnswer = (page: Page) => page.locator('[data-docent-answer]').last();

  it('opens by click and by Ctrl+I, closes with Escape and gives focus back', async () => {
    const { page, errors } = await open('/docs/getting-started');
    await screenshot(page, 'launcher-closed');
    await page.click('[data-docent-launcher]');
    await expect.poll(() => page.isVisible('[data-docent-panel]')).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.isVisible('[data-docent-panel]')).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-docent-launcher'))).toBe(
      true,
    );
    await page.keyboard.press('Control+i');
    await expect.poll(() => page.isVisible('[data-docent-panel]')).toBe(true);
    await page.keyboard.press('Control+i');
    await expect.poll(() => page.isVisible('[data-docent-panel]')).toBe(false);
    // This site has Docent's search box, which owns Ctrl+K: the chat leaves it alone.
    await page.keyboard.press('Control+k');
    await expect.poll(() => page.isVisible('[data-docent-search-dialog]')).toBe(true);
    expect(await page.isVisible('[data-docent-panel]')).toBe(false);
    await page.keyboard.press('Escape');
    // Without any search bar on the page, Ctrl+K is free and opens the chat too.
    await page.evaluate(() => {
      for (const bar of document.querySelectorAll('[data-docent-search]')) bar.remove();
    });
    await page.keyboard.press('Control+k');
    await expect.poll(() => page.isVisible('[data-docent-panel]')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('streams an answer with source chips, and a source link leads to the right anchor', async () => {
    const { page, errors } = await open('/docs/');
    await page.click('[data-docent-launcher]');
    await ask(page, 'How do I turn off proxy buffering for streaming with nginx?');
    await page.waitForSelector('[data-docent-answer="done"]');
    const answer = lastAnswer(page);
    expect(await answer.innerText()).toMatch(/proxy_buffering off/);
    const chips = answer.locator('[data-docent-source]');
    expect(await chips.count()).toBeGreaterThan(0);
    expect(await chips.first().getAttribute('href')).toBe('/docs/deployment#reverse-proxies-and-streaming');
    await screenshot(page, 'answer-light');
    await chips.first().click();
    // Wait for what the reader sees (the heading the chip names), not for the URL alone.
    await page.locator('#reverse-proxies-and-streaming').waitFor({ state: 'visible' });
    expect(page.url()).toMatch(/\/docs\/deployment#reverse-proxies-and-streaming$/);
    expect(errors).toEqual([]);
  });

  it('keeps the conversation across navigation and reloads, and clears it on demand', async () => {
    const { page } = await open('/docs/');
    await page.click('[data-docent-launcher]');
    await ask(page, 'Which keyboard shortcut opens the chat?');
    await page.waitForSelector('[data-docent-answer="done"]');
    await page.reload();
    await page.click('[data-docent-launcher]');
    await expect
      .poll(() => page.locator('[data-docent-panel]').innerText())
      .toContain('Which keyboard shortcut opens the chat?');
    expect(await page.locator('[data-docent-answer="done"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.reload();
    await page.click('[data-docent-launcher]');
    expect(await page.locator('[data-docent-answer]').count()).toBe(0);
  });

  it('asks about text selected on the page', async () => {
    const { page } = await open('/docs/security');
    const select = () =>
      page.evaluate(() => {
        const paragraph = [...document.querySelectorAll('article p, article li')].find((p) =>
          p.textContent?.includes('token bucket'),
        )!;
        const range = document.createRange();
        range.selectNodeContents(paragraph);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
        paragraph.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      });
    // The launcher is in the server-rendered HTML; the selection listener exists only once React has
    // hydrated. Select again until the reader would see the button.
    const button = page.getByRole('button', { name: 'Ask about this' });
    for (let attempt = 0; attempt < 40 && !(await button.isVisible()); attempt++) {
      await select();
      await button.waitFor({ timeout: 250 }).catch(() => {});
    }
    await button.click();
    await page.waitForSelector('[data-docent-answer="done"]');
    const panel = await page.locator('[data-docent-panel]').innerText();
    expect(panel).toContain('What does this passage mean?');
    expect(await lastAnswer(page).locator('[data-docent-source]').first().getAttribute('href')).toMatch(
      /^\/docs\/security#/,
    );
  });

  it('sends thumbs up and down, with a reason, to the feedback endpoint', async () => {
    const { page } = await open('/docs/');
    await page.click('[data-docent-launcher]');
    await ask(page, 'How do I index my site in GitHub Actions?');
    await page.waitForSelector('[data-docent-answer="done"]');
    const feedback = page.waitForRequest((request) => request.url().endsWith('/api/feedback'));
    await page.getByRole('button', { name: 'Not helpful' }).click();
    await page.fill('[data-docent-panel] input', 'wrong section');
    await page.keyboard.press('Enter');
    const sent = JSON.parse((await feedback).postData() ?? '{}');
    expect(sent).toMatchObject({
      rating: 'down',
      reason: 'wrong section',
      question: 'How do I index my site in GitHub Actions?',
      // The service's id for the answer (the stream's start part), which the question log records.
      messageId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    });
    await expect
      .poll(() => page.locator('[data-docent-panel]').innerText())
      .toContain('Thanks for the feedback');
    const metrics = await (await fetch(`${extractive.url}/metrics`)).text();
    expect(metrics).toMatch(/docent_feedback_total\{rating="down"\} [1-9]/);
  });

  it('stops a streaming answer, and retries one that failed mid-stream', async () => {
    const { page } = await open('/docs/', { server: withLlm });
    llm.script = [{ text: 'Streaming slowly '.repeat(60), deltaDelayMs: 40 }];
    await page.click('[data-docent-launcher]');
    await ask(page, 'How do I deploy with Docker?');
    await expect.poll(() => lastAnswer(page).innerText()).toContain('Streaming slowly');
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.waitForSelector('[data-docent-answer="stopped"]');
    const partial = await lastAnswer(page).innerText();
    expect(partial.match(/Streaming slowly/g)!.length).toBeLessThan(60);
    await expect.poll(() => llm.chats.at(-1)!.aborted).toBe(true);

    llm.script = [
      { text: 'This answer breaks off after a few words and', cutAfterDeltas: 4 },
      { text: 'Use docker compose up [1].' },
    ];
    await ask(page, 'How do I deploy with Docker compose?');
    await page.waitForSelector('[data-docent-answer="error"]');
    expect(await lastAnswer(page).innerText()).toMatch(/This answer breaks[\s\S]*cut off/);
    await lastAnswer(page).getByRole('button', { name: 'Retry' }).click();
    await page.waitForSelector('[data-docent-answer="done"]');
    expect(await lastAnswer(page).innerText()).toContain('Use docker compose up');
  });

  it('renders hostile answers and docs without running anything', async () => {
    const { page, errors } = await open('/docs/', { server: withLlm });
    llm.script = [
      {
        text: 'Look <img src=x onerror="window.__xss=4"> here [1] and [click](javascript:window.__xss=5) or [data](data:text/html,hi) <script>window.__xss=6</script>',
      },
    ];
    await page.click('[data-docent-launcher]');
    await ask(page, 'What does the security page say about links in answers?');
    await page.waitForSelector('[data-docent-answer="done"]');
    const extractivePage = await open('/docs/');
    await extractivePage.page.click('[data-docent-launcher]');
    await ask(extractivePage.page, 'Zebrafish payload test');
    await extractivePage.page.waitForSelector('[data-docent-answer="done"]');
    expect(await lastAnswer(extractivePage.page).innerText()).toContain('Zebrafish payload test');
    for (const target of [page, extractivePage.page]) {
      const panel = target.locator('[data-docent-panel]');
      expect(await panel.locator('img, script, iframe').count()).toBe(0);
      const hrefs = await panel
        .locator('a')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      expect(hrefs.filter((href) => !/^(https?:|\/|#)/.test(href))).toEqual([]);
      await target.locator('[data-docent-panel] a').evaluateAll((links) => {
        for (const link of links) link.dispatchEvent(new MouseEvent('mouseover'));
      });
      expect(await target.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    }
    // The service escaped the raw HTML (\<img); the widget shows it as the text the model wrote.
    expect(await page.locator('[data-docent-panel]').innerText()).toContain('<img src=x');
    expect(await page.locator('[data-docent-panel]').innerText()).not.toContain('\\<');
    expect(errors).toEqual([]);
  });

  it('renders the tables, nested lists and headings (CommonMark + GFM), citations linked', async () => {
    const { page, errors } = await open('/docs/', { server: withLlm });
    llm.script = [
      {
        text: [
          '## Options',
          '',
          '| flag | default |',
          '| --- | --- |',
          '| `--port` | 8787 |',
          '',
          '- Run the service [1]',
          '  - with `--rate-limit off` in tests',
          '- Index the site',
          '',
          '1. build',
          '2. index',
        ].join('\n'),
      },
    ];
    await page.click('[data-docent-launcher]');
    await ask(page, 'Which port does the answer service listen on?');
    await page.waitForSelector('[data-docent-answer="done"]');
    const answer = lastAnswer(page);
    expect(await answer.locator('table th').allInnerTexts()).toEqual(['flag', 'default']);
    expect(await answer.locator('table td code').innerText()).toBe('--port');
    expect(await answer.locator('ul ul li').innerText()).toContain('--rate-limit off');
    expect(await answer.locator('ol li').count()).toBe(2);
    expect(await answer.locator('[data-depth="2"]').innerText()).toBe('Options');
    expect(await answer.locator('a[aria-label^="source 1"]').count()).toBe(1);
    await screenshot(page, 'answer-table');
    expect(errors).toEqual([]);
  });

  it('sends the conversation id with signed history, and a new id after Clear', async () => {
    const { page } = await open('/docs/', { server: withLlm });
    llm.script = [{ text: 'Press Ctrl+I [1].' }];
    await page.click('[data-docent-launcher]');
    const first = page.waitForRequest((request) => request.url().endsWith('/api/chat'));
    await ask(page, 'Which keyboard shortcut opens the chat?');
    const firstBody = JSON.parse((await first).postData() ?? '{}') as { id: string };
    expect(firstBody.id).toMatch(/^[0-9a-f-]{36}$/);
    await page.waitForSelector('[data-docent-answer="done"]');
    llm.script = [{ text: 'Turn off the shortcut' }, { text: 'Set shortcut to false [1].' }];
    const second = page.waitForRequest((request) => request.url().endsWith('/api/chat'));
    await ask(page, 'Can I turn it off?');
    const secondBody = JSON.parse((await second).postData() ?? '{}') as {
      id: string;
      messages: { role: string; metadata?: { signature?: string } }[];
    };
    expect(secondBody.id).toBe(firstBody.id);
    expect(secondBody.messages[1]!.metadata!.signature).toMatch(/^v1\.[0-9a-f]{8}\.[0-9a-z]+\./);
    await page.waitForSelector('[data-docent-answer="done"] >> nth=1');
    // The server trusted the signed answer as history: the model saw it.
    expect(llm.chats.at(-1)!.body.messages!.map((message) => String(message.content))).toContain(
      'Press Ctrl+I [1].',
    );
    await page.getByRole('button', { name: 'Clear' }).click();
    const third = page.waitForRequest((request) => request.url().endsWith('/api/chat'));
    llm.script = [{ text: 'Fresh.' }];
    await ask(page, 'Which keyboard shortcut opens the chat?');
    expect((JSON.parse((await third).postData() ?? '{}') as { id: string }).id).not.toBe(firstBody.id);
  });

  it('drops stored history it cannot read (old format, forged shapes) instead of breaking the page', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    // Every Docent key reads back as a shape the widget must refuse: version 2, but messages no widget wrote.
    await context.addInitScript(() => {
      const original = Storage.prototype.getItem;
      Storage.prototype.getItem = function (name: string) {
        if (name.startsWith('docent:chat:'))
          return JSON.stringify({
            version: 2,
            conversationId: 'c',
            messages: [{ id: 1, role: 'x', text: {} }],
          });
        return original.call(this, name);
      };
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${extractive.url}/docs/`);
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
    await page.click('[data-docent-launcher]');
    await page.waitForSelector('[data-docent-panel] textarea');
    expect(await page.locator('[data-docent-answer]').count()).toBe(0);
    expect(errors).toEqual([]);
    // The old format (a bare array, before conversations had ids) is dropped the same way.
    await page.evaluate(() => {
      Storage.prototype.getItem = () =>
        JSON.stringify([{ id: 'x', role: 'assistant', text: 'old', sources: [], status: 'done' }]);
    });
    await page.reload();
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
    await page.click('[data-docent-launcher]');
    await page.waitForSelector('[data-docent-panel] textarea');
    expect(await page.locator('[data-docent-answer]').count()).toBe(0);
  });

  it('keeps a panel that fails to load inside its own message, with a retry that works', async () => {
    const { page } = await open('/docs/');
    // Every script requested from now on fails: the panel's chunk is fetched on first open.
    await page.route('**/*.js', (route) => route.abort());
    await page.click('[data-docent-launcher]');
    await page.waitForSelector('[data-docent-panel-failed]');
    expect(await page.locator('h1').count()).toBeGreaterThan(0);
    await page.unroute('**/*.js');
    await page.locator('[data-docent-panel-failed]').getByRole('button', { name: 'Retry' }).click();
    await page.waitForSelector('[data-docent-panel] textarea');
  });

  it('tells the reader when feedback could not be sent, instead of thanking them', async () => {
    const { page } = await open('/docs/');
    await page.route('**/api/feedback', (route) => route.fulfill({ status: 503, body: '{}' }));
    await page.click('[data-docent-launcher]');
    await ask(page, 'How do I index my site in GitHub Actions?');
    await page.waitForSelector('[data-docent-answer="done"]');
    await page.getByRole('button', { name: 'Helpful', exact: true }).click();
    await page.waitForSelector('[data-docent-feedback-failed]');
    expect(await page.locator('[data-docent-panel]').innerText()).not.toContain('Thanks for the feedback');
  });

  it('goes full screen on a phone', async () => {
    const { page } = await open('/docs/getting-started', { viewport: { width: 390, height: 780 } });
    await page.click('[data-docent-launcher]');
    await ask(page, 'How do I install the theme?');
    await page.waitForSelector('[data-docent-answer="done"]');
    const box = await page.locator('[data-docent-panel]').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390 });
    expect(box!.height).toBeGreaterThanOrEqual(779);
    await screenshot(page, 'answer-mobile');
  });

  it('follows the dark colour mode', async () => {
    const { page } = await open('/docs/getting-started', { colorScheme: 'dark' });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.click('[data-docent-launcher]');
    await ask(page, 'How do I add the theme to docusaurus.config.js?');
    await page.waitForSelector('[data-docent-answer="done"]');
    const background = await page
      .locator('[data-docent-panel]')
      .evaluate((panel) => getComputedStyle(panel).backgroundColor);
    const [red, green, blue] = background.match(/\d+/g)!.map(Number);
    expect(red! + green! + blue!).toBeLessThan(200);
    await screenshot(page, 'answer-dark');
  });

  it('works by keyboard alone, with focus kept inside the open panel', async () => {
    const { page } = await open('/docs/');
    await page.locator('[data-docent-launcher]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type('When should I switch to Qdrant?');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-docent-answer="done"]');
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-docent-panel]')))).toBe(
        true,
      );
    }
    expect(await page.locator('[data-docent-panel] [role="log"]').getAttribute('aria-live')).toBe('polite');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-docent-launcher'))).toBe(
      true,
    );
  });

  it('shows a clear message, with a retry, when the service cannot be reached or is rate-limited', async () => {
    const { page } = await open('/docs/');
    await page.route('**/api/chat', (route) => route.abort('connectionrefused'));
    await page.click('[data-docent-launcher]');
    await ask(page, 'How do I install Docent?');
    await page.waitForSelector('[data-docent-answer="error"]');
    expect(await lastAnswer(page).innerText()).toMatch(/Cannot reach the assistant/);
    await page.unroute('**/api/chat');
    await page.route('**/api/chat', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'retry-after': '7', 'content-type': 'application/json' },
        body: '{"error":{"code":"request:rate-limited","message":"Too many"}}',
      }),
    );
    await lastAnswer(page).getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => lastAnswer(page).innerText()).toMatch(/Try again in 7 s/);
    await page.unroute('**/api/chat');
    await lastAnswer(page).getByRole('button', { name: 'Retry' }).click();
    await page.waitForSelector('[data-docent-answer="done"]');
  });

  it('says when the assistant is temporarily unavailable (503) or the reader is offline', async () => {
    const { page, context } = await open('/docs/');
    await page.route('**/api/chat', (route) =>
      route.fulfill({
        status: 503,
        headers: { 'content-type': 'application/json' },
        body: '{"error":{"code":"store:unavailable","message":"Qdrant is unreachable."}}',
      }),
    );
    await page.click('[data-docent-launcher]');
    await ask(page, 'How do I install Docent?');
    await page.waitForSelector('[data-docent-answer="error"]');
    expect(await lastAnswer(page).innerText()).toMatch(/temporarily unavailable\. Qdrant is unreachable\./);
    await page.unroute('**/api/chat');
    await context.setOffline(true);
    await ask(page, 'How do I install Docent?');
    await expect.poll(() => lastAnswer(page).innerText()).toMatch(/You are offline/);
    await context.setOffline(false);
    await lastAnswer(page).getByRole('button', { name: 'Retry' }).click();
    await page.waitForSelector('[data-docent-answer="done"]');
  });

  it('speaks French on the French site, and sends the locale and docs version', async () => {
    const { page } = await open('/fr/docs/0.1/getting-started');
    expect(await page.locator('[data-docent-launcher]').innerText()).toContain('Demander à la doc');
    const request = page.waitForRequest((candidate) => candidate.url().endsWith('/api/chat'));
    await page.click('[data-docent-launcher]');
    await ask(page, 'Comment installer le thème ?');
    const body = JSON.parse((await request).postData() ?? '{}');
    expect(body.context).toMatchObject({
      locale: 'fr',
      version: '0.1',
      path: '/fr/docs/0.1/getting-started',
    });
    await page.waitForSelector('[data-docent-answer="done"]');
    const hrefs = await lastAnswer(page)
      .locator('[data-docent-source]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((href) => href!.startsWith('/fr/docs/0.1/'))).toBe(true);
  });
});
