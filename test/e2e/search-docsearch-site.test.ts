import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseServerOptions, type ServerOptions } from '@docent/server/options';
import { startServer } from '@docent/server/start';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchErrors } from './browser.js';
import { type ThemeSite, themeSite } from './theme-site.js';

/** DocSearch's settings as a site owner writes them (the search itself is never reached in this test). */
const ALGOLIA = { appId: 'TESTAPPID', apiKey: 'test-search-only-key', indexName: 'theme-site' };

/**
 * A real site with Algolia DocSearch configured (the classic preset's `@docusaurus/theme-search-algolia`)
 * and the Docent theme: DocSearch keeps the navbar unless the site turns Docent's search box on.
 */
describe('a site with DocSearch configured', { timeout: 300_000 }, () => {
  let site: ThemeSite;
  let browser: Browser;

  beforeAll(async () => {
    site = await themeSite({
      files: {
        'docusaurus.config.js': `export default {
  title: 'DocSearch site',
  url: 'https://example.com',
  baseUrl: '/',
  presets: [['classic', { docs: { routeBasePath: 'docs' }, blog: false }]],
  themes: ['@docent/docusaurus-theme'],
  themeConfig: {
    algolia: ${JSON.stringify(ALGOLIA)},
    docent: { serverUrl: '', search: { enabled: process.env.DOCENT_SEARCH === '1' } },
  },
};
`,
      },
    });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await site?.cleanup();
  });

  it('keeps its own search bar and Ctrl+K when Docent’s search box is off (the default)', async () => {
    await site.docusaurus(['build', '--locale', 'en']);
    const html = await readFile(join(site.dir, 'build', 'docs', 'intro', 'index.html'), 'utf8');
    expect(html).toContain('DocSearch-Button');
    expect(html).not.toContain('data-docent-search');
    const options = parseServerOptions(
      [
        ...['--index', join(site.dir, 'none.docent'), '--static', join(site.dir, 'build')],
        ...['--port', '0', '--host', '127.0.0.1'],
      ],
      {},
    ) as ServerOptions;
    const server = await startServer(options, () => {});
    try {
      const page = await browser.newPage();
      const errors = watchErrors(page);
      await page.goto(`${server.url}/docs/intro`);
      await page.waitForSelector('html[data-has-hydrated="true"] .DocSearch-Button');
      await page.keyboard.press('Control+k');
      await page.waitForSelector('.DocSearch-Modal');
      expect(await page.$('[data-docent-search-dialog]')).toBeNull();
      // The chat leaves DocSearch its shortcut.
      expect(await page.isVisible('[data-docent-panel]')).toBe(false);
      expect(errors.filter((error) => !/algolia|DocSearch|TESTAPPID/i.test(error))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('gets Docent’s search box in its place only when the site turns it on, whatever the build cache holds', async () => {
    // The same site and config file, search turned on by an environment variable: the webpack cache of the
    // build above must not be reused (it would render DocSearch, or fail on stale modules).
    await site.docusaurus(['build', '--locale', 'en'], { DOCENT_SEARCH: '1' });
    const html = await readFile(join(site.dir, 'build', 'docs', 'intro', 'index.html'), 'utf8');
    expect(html).toContain('data-docent-search');
    expect(html).not.toContain('DocSearch-Button');
  });
});
