import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visiblePageActions } from '../../packages/docusaurus-theme/src/client/markdown-twin.js';
import { launchBrowser, screenshot, watchErrors } from './browser.js';
import { type ThemeSite, themeSite } from './theme-site.js';

const PAGE_ACTIONS = { copyMarkdown: true, viewMarkdown: true, openIn: ['claude' as const] };

describe('page actions where the markdown copies exist, and only there', () => {
  it('a production build shows every action; a development server hides the two that read the copy', () => {
    expect(visiblePageActions(PAGE_ACTIONS, 'production')).toEqual(PAGE_ACTIONS);
    expect(visiblePageActions(PAGE_ACTIONS, 'development')).toEqual({
      copyMarkdown: false,
      viewMarkdown: false,
      openIn: ['claude'],
    });
    // An action the owner turned off stays off.
    expect(visiblePageActions({ ...PAGE_ACTIONS, viewMarkdown: false }, 'production').viewMarkdown).toBe(
      false,
    );
  });
});

describe('the theme under `docusaurus start`', { timeout: 300_000 }, () => {
  let site: ThemeSite;
  let server: Awaited<ReturnType<ThemeSite['start']>>;
  let browser: Browser;
  beforeAll(async () => {
    site = await themeSite({ docent: { pageActions: { openIn: ['claude'] } } });
    server = await site.start(18_931);
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.cleanup();
  });

  it('has no markdown copy to offer, so Copy page and View as Markdown are not shown', async () => {
    // What the buttons would fetch: the dev server never runs postBuild, so there is no copy (it answers
    // with its HTML fallback, or 404).
    const twin = await fetch(`${server.url}/docs/intro.md`);
    expect(twin.ok ? twin.headers.get('content-type') : 'none').not.toMatch(/markdown|text\/plain/);
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/docs/intro`);
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
    await page.waitForSelector('[data-docent-page-actions]');
    await screenshot(page, 'dev-server-page-actions');
    expect(await page.locator('[data-docent-copy-page]').count()).toBe(0);
    expect(await page.locator('[data-docent-view-markdown]').count()).toBe(0);
    // "Open in Claude" links the deployed site's copy, which the dev server does not need to have.
    expect(await page.locator('[data-docent-open-in="claude"]').getAttribute('href')).toContain(
      encodeURIComponent('https://example.com/docs/intro.md'),
    );
    expect(errors.filter((error) => !/DOCENT|127\.0\.0\.1:9/.test(error))).toEqual([]);
    await page.close();
  });
});
