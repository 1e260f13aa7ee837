import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, watchErrors } from './browser.js';
import { siteIndex, siteServer } from './site-server.js';

type Server = Awaited<ReturnType<typeof siteServer>>;

describe('source chips in a real browser, against the real answer service', { timeout: 60_000 }, () => {
  let browser: Browser;
  let index: Awaited<ReturnType<typeof siteIndex>>;
  let server: Server;

  beforeAll(async () => {
    index = await siteIndex();
    server = await siteServer(index.path, ['--rate-limit', 'off']);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await index?.cleanup();
  });

  /** Opens a page on a phone, asks, and waits for the finished answer. */
  async function askOnPhone(question: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/docs/configuration`);
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
    await page.click('[data-docent-launcher]');
    await page.fill('[data-docent-panel] textarea', question);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-docent-answer="done"]');
    return { page, errors };
  }

  it('render inline code as code, and keep two sections of one page apart when cut on a phone', async () => {
    const { page, errors } = await askOnPhone('Which flags do docent-index and docent-server take?');
    const chips = page.locator('[data-docent-answer] [data-docent-source]');
    await expect.poll(() => chips.count()).toBeGreaterThan(1);
    await screenshot(page, 'source-chips-phone');
    const shown = await chips.evaluateAll((elements) =>
      elements.map((chip) => {
        const section = chip.querySelector<HTMLElement>('[data-docent-source-section]');
        return {
          text: (chip as HTMLElement).innerText,
          code: [...chip.querySelectorAll('code')].map((code) => code.textContent),
          section: section?.innerText ?? null,
          // Cut (by an ellipsis or the chip's edge): its last character ends outside its own box.
          sectionCut: (() => {
            const text = section?.lastChild?.lastChild ?? section?.lastChild;
            if (!section || !text?.textContent) return false;
            const range = document.createRange();
            range.setStart(text, text.textContent.length - 1);
            range.setEnd(text, text.textContent.length);
            return range.getBoundingClientRect().right > section.getBoundingClientRect().right + 1;
          })(),
          chipInside: chip.getBoundingClientRect().right <= window.innerWidth,
        };
      }),
    );
    expect(shown.filter((chip) => chip.text.includes('`'))).toEqual([]);
    expect(shown.flatMap((chip) => chip.code)).toEqual(
      expect.arrayContaining(['docent-index', 'docent-server']),
    );
    // Every chip fits the phone, and no section's own name is cut: the page's name gives way first.
    expect(shown.every((chip) => chip.chipInside)).toBe(true);
    expect(shown.filter((chip) => chip.sectionCut)).toEqual([]);
    const sections = shown.map((chip) => chip.section).filter((section) => section !== null);
    expect(new Set(sections).size).toBe(sections.length);
    expect(errors).toEqual([]);
  });

  it("list a decline's nearest pages once: as links in its text, with no chips repeating them", async () => {
    const { page, errors } = await askOnPhone('What is the best sourdough bread recipe?');
    const answer = page.locator('[data-docent-answer]').last();
    await expect.poll(() => answer.innerText()).toMatch(/do not seem to cover this/);
    // The pages the text lists (each followed by its [n] citation, a link to the same page).
    const links = await answer
      .locator('a[href^="/docs/"]')
      .evaluateAll((elements) =>
        elements
          .filter((link) => !/^\d+$/.test(link.textContent ?? ''))
          .map((link) => link.getAttribute('href')),
      );
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links).size).toBe(links.length);
    expect(await answer.locator('[data-docent-source]').count()).toBe(0);
    await screenshot(page, 'decline-phone');
    expect(errors).toEqual([]);
  });
});
