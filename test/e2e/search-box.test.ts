import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, watchErrors } from './browser.js';
import { siteIndex, siteServer } from './site-server.js';

type Server = Awaited<ReturnType<typeof siteServer>>;

const DIALOG = '[data-docent-search-dialog]';
const RESULT = '[data-docent-search-row="result"]';

/** Docent's own site has the search box turned on (`themeConfig.docent.search.enabled`). */
describe('the search box on the demo, in a real browser, against the real service', {
  timeout: 60_000,
}, () => {
  let browser: Browser;
  let index: Awaited<ReturnType<typeof siteIndex>>;
  let server: Server;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    index = await siteIndex();
    server = await siteServer(index.path, ['--rate-limit', 'off']);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.close();
    await index?.cleanup();
  });

  async function open(
    path: string,
    options: { viewport?: { width: number; height: number }; colorScheme?: 'dark' | 'light' } = {},
  ) {
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 800 },
      colorScheme: options.colorScheme ?? 'light',
    });
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const searches: URL[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/search')) searches.push(new URL(request.url()));
    });
    await page.goto(`${server.url}${path}`);
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-search]');
    return { page, errors, searches };
  }

  const resultUrls = (page: Page) =>
    page.$$eval(RESULT, (rows) => rows.map((row) => row.getAttribute('data-url') ?? ''));

  it('shows results after each keystroke, asking the service for each prefix', async () => {
    const { page, errors, searches } = await open('/docs/getting-started');
    await page.keyboard.press('Control+k');
    await page.waitForSelector(DIALOG);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    // The chat keeps to its own shortcut: Ctrl+K belongs to the search box here.
    expect(await page.isVisible('[data-docent-panel]')).toBe(false);
    let typed = '';
    for (const key of 'reverse prox') {
      typed += key;
      await page.keyboard.type(key);
      if (typed.trim().length < 2) continue;
      await expect.poll(() => searches.some((url) => url.searchParams.get('q') === typed)).toBe(true);
      await expect.poll(async () => (await resultUrls(page)).length).toBeGreaterThan(0);
    }
    await expect
      .poll(async () => (await resultUrls(page))[0])
      .toBe('/docs/deployment#reverse-proxies-and-streaming');
    const last = searches.at(-1)!;
    expect(last.searchParams.get('locale')).toBe('en');
    const marked = await page.$$eval(`${RESULT} mark`, (marks) => marks.map((mark) => mark.textContent));
    expect(marked.some((word) => /^prox/i.test(word ?? ''))).toBe(true);
    // The last row is always "Ask the docs: ‹query›".
    expect(await page.textContent('[data-docent-search-row="ask"]')).toBe('Ask the docs: reverse prox');
    await screenshot(page, 'search-light');
    expect(errors).toEqual([]);
  });

  it('is usable by keyboard alone: / opens, arrows move, Enter lands on the heading and marks the passage', async () => {
    const { page, errors } = await open('/docs/intro');
    await page.keyboard.press('/');
    await page.waitForSelector(DIALOG);
    // The rows of an earlier prefix stay until the full query's answer arrives: wait for that one, so the list
    // does not change (and the selection reset) between the arrow keys below.
    const answered = page.waitForResponse(
      (response) => new URL(response.url()).searchParams.get('q') === 'golden questions',
    );
    await page.keyboard.type('golden questions');
    await answered;
    await expect.poll(async () => (await resultUrls(page)).length).toBeGreaterThan(1);
    const urls = await resultUrls(page);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const active = await page.getAttribute('[aria-selected="true"]', 'data-url');
    expect(active).toBe(urls[0]);
    const activeId = await page.getAttribute('[aria-selected="true"]', 'id');
    expect(await page.getAttribute('input[role="combobox"]', 'aria-activedescendant')).toBe(activeId);
    await page.keyboard.press('Enter');
    const [path, anchor] = urls[0]!.split('#');
    await page.waitForURL((url) => url.pathname === path);
    expect(await page.isVisible(DIALOG)).toBe(false);
    await expect
      .poll(() =>
        page.evaluate((id) => {
          const top = document.getElementById(id)?.getBoundingClientRect().top ?? -1;
          return top >= 0 && top < window.innerHeight / 2;
        }, anchor!),
      )
      .toBe(true);
    // The words that matched are marked in the section (the CSS Custom Highlight API: the page is unchanged).
    await expect
      .poll(() =>
        page.evaluate(() => {
          const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
          return [...(registry.get('docent-passage') ?? [])].map((range) => range.toString().toLowerCase());
        }),
      )
      .toContain('golden');
    await screenshot(page, 'search-landed');
    // The search is remembered, offered when the box is empty, and can be cleared.
    await page.keyboard.press('Control+k');
    await page.waitForSelector('[data-docent-search-row="recent"]');
    expect(await page.textContent('[data-docent-search-row="recent"]')).toBe('golden questions');
    // By keyboard alone: Tab reaches Clear and never leaves the dialog.
    const focused = () =>
      page.evaluate(() => ({
        text: document.activeElement?.textContent?.trim() ?? '',
        inside: document.activeElement?.closest('[data-docent-search-dialog]') != null,
      }));
    for (let press = 0; press < 6 && (await focused()).text !== 'Clear'; press++) {
      await page.keyboard.press('Tab');
      expect((await focused()).inside).toBe(true);
    }
    expect((await focused()).text).toBe('Clear');
    await page.keyboard.press('Enter');
    expect(await page.$('[data-docent-search-row="recent"]')).toBeNull();
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes('recent'))),
    ).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await page.isVisible(DIALOG)).toBe(false);
    expect(errors).toEqual([]);
  });

  it('hands the query and its results to the chat with "Ask the docs"', async () => {
    const { page, errors } = await open('/docs/getting-started');
    const chats: { messages: { parts: { text: string }[] }[]; context: { results?: string[] } }[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/chat')) chats.push(request.postDataJSON());
    });
    await page.click('[data-docent-search]');
    await page.waitForSelector(DIALOG);
    await page.keyboard.type('how do I run docker');
    await expect.poll(async () => (await resultUrls(page)).length).toBeGreaterThan(0);
    const shown = await resultUrls(page);
    // Up from the first row wraps to the last: "Ask the docs".
    await page.keyboard.press('ArrowUp');
    expect(await page.getAttribute('[aria-selected="true"]', 'data-docent-search-row')).toBe('ask');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-docent-panel]');
    await expect.poll(() => chats.length).toBe(1);
    expect(chats[0]!.messages.at(-1)!.parts[0]!.text).toBe('how do I run docker');
    expect(chats[0]!.context.results).toEqual(shown.slice(0, 10));
    await expect.poll(() => page.locator('[data-docent-answer]').last().textContent()).toMatch(/docker/i);
    // A source chip lands on its section and marks the words the answer took from it.
    const chip = page.locator('[data-docent-source]').first();
    const [chipPath, chipAnchor] = (await chip.getAttribute('href'))!.split('#');
    await chip.click();
    await page.waitForURL((url) => url.pathname === chipPath && url.hash === `#${chipAnchor}`);
    await expect
      .poll(() =>
        page.evaluate(() => {
          const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
          return (registry.get('docent-passage') ?? new Set()).size;
        }),
      )
      .toBeGreaterThan(0);
    await screenshot(page, 'source-chip-landed');
    expect(errors).toEqual([]);
  });

  it("searches the reader's docs version and locale", async () => {
    const old = await open('/docs/0.1/deployment');
    await old.page.keyboard.press('Control+k');
    await old.page.waitForSelector(DIALOG);
    await old.page.keyboard.type('docker');
    await expect.poll(async () => (await resultUrls(old.page)).length).toBeGreaterThan(0);
    expect(old.searches.at(-1)!.searchParams.get('version')).toBe('0.1');
    for (const url of await resultUrls(old.page)) expect(url.startsWith('/docs/0.1/')).toBe(true);

    const french = await open('/fr/docs/getting-started');
    await french.page.keyboard.press('Control+k');
    await french.page.waitForSelector(DIALOG);
    await french.page.keyboard.type('ajouter le thème');
    await expect.poll(async () => (await resultUrls(french.page)).length).toBeGreaterThan(0);
    expect(french.searches.at(-1)!.searchParams.get('locale')).toBe('fr');
    for (const url of await resultUrls(french.page)) expect(url.startsWith('/fr/docs/')).toBe(true);
    expect(await french.page.getAttribute('input[role="combobox"]', 'placeholder')).toBe(
      'Rechercher dans la doc',
    );
    expect(await french.page.textContent('[data-docent-search-row="ask"]')).toBe(
      'Demander à la doc : ajouter le thème',
    );
  });

  it('keeps what the reader types while the dialog is still loading', async () => {
    const { page, errors } = await open('/docs/deployment');
    // A slow connection: the dialog's code (its own chunk, fetched on first open) arrives a second late.
    await page.route('**/*.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    // Opened with the button: a stand-in field takes the focus while the dialog loads, and Enter in it must
    // neither reopen the dialog empty nor leave the page.
    await page.click('[data-docent-search]');
    await page.waitForSelector('[role="dialog"][aria-busy="true"] input');
    await page.keyboard.type('health chex');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('ck');
    await page.keyboard.press('Enter');
    // The caret moved back before "check": the dialog's box keeps it there.
    for (let i = 0; i < 'check'.length; i++) await page.keyboard.press('ArrowLeft');
    expect(await page.$(DIALOG)).toBe(null);
    await page.waitForSelector(DIALOG);
    expect(await page.inputValue(`${DIALOG} input`)).toBe('health check');
    await expect.poll(async () => (await resultUrls(page)).length).toBeGreaterThan(0);
    await page.keyboard.type('endpoint ');
    expect(await page.inputValue(`${DIALOG} input`)).toBe('health endpoint check');
    expect(errors).toEqual([]);
  });

  it('keeps text composed with an input method, even while the dialog arrives mid-composition', async () => {
    const { page, errors } = await open('/docs/deployment');
    let delivered = 0;
    await page.route('**/*.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
      delivered++;
    });
    await page.keyboard.press('Control+k');
    const standIn = '[role="dialog"][aria-busy="true"] input';
    await page.waitForSelector(standIn);
    // An input method (pinyin here) composes "bu" and is still composing when the dialog's code arrives: the
    // field stays until the composition ends, then the dialog opens with the committed text.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'bu', selectionStart: 2, selectionEnd: 2 });
    // The dialog's code has arrived (and run) while the composition is still open.
    await expect.poll(() => delivered).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    expect(await page.$(DIALOG)).toBe(null);
    expect(await page.isVisible(standIn)).toBe(true);
    await cdp.send('Input.insertText', { text: '部署' });
    await page.waitForSelector(DIALOG);
    await page.keyboard.type(' docker');
    expect(await page.inputValue(`${DIALOG} input`)).toBe('部署 docker');
    // A click outside closes and gives the focus back to the search button.
    await page.mouse.click(5, 700);
    expect(await page.$(DIALOG)).toBe(null);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-docent-search'))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('says so when the service cannot be reached, and still offers to ask', async () => {
    const { page } = await open('/docs/deployment');
    // As when the service is down or a proxy refuses the call: the request fails at the network.
    await page.route('**/api/search**', (route) => route.abort('connectionrefused'));
    await page.keyboard.press('Control+k');
    await page.waitForSelector(DIALOG);
    await page.keyboard.type('health');
    await expect
      .poll(() => page.textContent(`${DIALOG} [role="status"]`))
      .toBe('Cannot reach the assistant. Check your connection and retry.');
    expect(await resultUrls(page)).toEqual([]);
    expect(await page.textContent('[data-docent-search-row="ask"]')).toBe('Ask the docs: health');
  });

  it('follows dark mode and fills a phone screen', async () => {
    const dark = await open('/docs/deployment', { colorScheme: 'dark' });
    await dark.page.keyboard.press('Control+k');
    await dark.page.waitForSelector(DIALOG);
    await dark.page.keyboard.type('health che');
    await expect.poll(async () => (await resultUrls(dark.page)).length).toBeGreaterThan(0);
    const background = await dark.page.$eval(DIALOG, (dialog) => getComputedStyle(dialog).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(200);
    await screenshot(dark.page, 'search-dark');

    const phone = await open('/docs/deployment', { viewport: { width: 390, height: 844 } });
    await phone.page.click('[data-docent-search]');
    await phone.page.waitForSelector(DIALOG);
    await phone.page.keyboard.type('health che');
    await expect.poll(async () => (await resultUrls(phone.page)).length).toBeGreaterThan(0);
    const box = (await phone.page.$(DIALOG))!.boundingBox();
    expect(await box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    await screenshot(phone.page, 'search-phone');
  });
});
