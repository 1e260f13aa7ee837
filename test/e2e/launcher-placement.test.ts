import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, watchErrors } from './browser.js';
import { type ThemeSite, themeSite } from './theme-site.js';

/** A page long enough for its table of contents to reach the bottom of the window. */
const LONG_PAGE = `# Reference\n\n${Array.from(
  { length: 40 },
  (_, n) => `## Option number ${n + 1}\n\nWhat option ${n + 1} does.\n`,
).join('\n')}`;

/** The element a click at the centre of `selector`'s box would reach. */
function topmostAt(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const box = document.querySelector(selector)!.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
      launcher: Boolean(hit?.closest('[data-docent-launcher]')),
      search: Boolean(hit?.closest('.DocSearch-Container')),
    };
  }, selector);
}

describe("the launcher among the site's own fixed parts, in a real site with DocSearch", {
  timeout: 300_000,
}, () => {
  let site: ThemeSite;
  let server: Awaited<ReturnType<ThemeSite['start']>>;
  let browser: Browser;
  beforeAll(async () => {
    site = await themeSite({
      files: { 'docs/reference.md': LONG_PAGE },
      // DocSearch's dialog opens without reaching Algolia: the ids are placeholders.
      themeConfig: { algolia: { appId: 'PLACEHOLDER', apiKey: 'placeholder', indexName: 'docs' } },
    });
    server = await site.start(18_933);
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.cleanup();
  });

  it("stays under the search dialog's backdrop (DocSearch 4, and DocSearch 3's z-index: 200)", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/docs/intro`);
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
    await page.click('.DocSearch-Button');
    await page.waitForSelector('.DocSearch-Container');
    await screenshot(page, 'launcher-under-docsearch');
    expect(await topmostAt(page, '[data-docent-launcher]')).toEqual({ launcher: false, search: true });
    // DocSearch 3, which many sites still run, puts its dialog at z-index 200 (Infima's fixed level).
    await page.addStyleTag({ content: '.DocSearch-Container { z-index: 200 !important; }' });
    expect(await topmostAt(page, '[data-docent-launcher]')).toEqual({ launcher: false, search: true });
    expect(errors.filter((error) => !/algolia|127\.0\.0\.1:9|Failed to fetch/i.test(error))).toEqual([]);
    await page.close();
  });

  it("never covers the table of contents' last entries on a long page", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 600 } });
    await page.goto(`${server.url}/docs/reference`);
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
    const toc = page.locator('.theme-doc-toc-desktop');
    await toc.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await screenshot(page, 'launcher-and-toc');
    const covered = await page.evaluate(() => {
      const launcher = document.querySelector('[data-docent-launcher]')!.getBoundingClientRect();
      return [...document.querySelectorAll('.theme-doc-toc-desktop a')]
        .map((link) => ({ text: link.textContent, box: link.getBoundingClientRect() }))
        .filter(({ box }) => box.bottom > 0 && box.top < window.innerHeight)
        .filter(
          ({ box }) =>
            box.left < launcher.right &&
            box.right > launcher.left &&
            box.top < launcher.bottom &&
            box.bottom > launcher.top,
        )
        .map(({ text }) => text);
    });
    expect(covered).toEqual([]);
    // The last entry is reachable: a click at it lands on it.
    const last = page.locator('.theme-doc-toc-desktop a').last();
    expect(await last.textContent()).toBe('Option number 40');
    const reached = await last.evaluate((link) => {
      const box = link.getBoundingClientRect();
      return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === link;
    });
    expect(reached).toBe(true);
    await page.close();
  });
});
