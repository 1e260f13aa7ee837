import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '@docent/test-support';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headingsOfHtml } from '../../packages/docusaurus-theme/src/page-headings.js';
import { launchBrowser, screenshot, watchErrors } from './browser.js';
import { ownerEnv, type SiteOwnerWorkspace, siteOwnerWorkspace } from './site-owner-setup.js';
import { buildTraitSite, PRODUCT, VERSIONED } from './trait-sites.js';

type Chunk = { url: string; headings: string[]; sourcePath: string; text: string };

/** `docent-server --static build` for a site, from the service folder's install; stopped with its group. */
async function serve(workspace: SiteOwnerWorkspace, site: string, port: number): Promise<ChildProcess> {
  const bin = join(workspace.service, 'node_modules', '.bin', 'docent-server');
  const child = spawn(
    bin,
    ['--index', '.docent/index.docent', '--static', 'build', '--port', String(port), '--rate-limit', 'off'],
    { cwd: site, env: ownerEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`docent-server did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`docent-server exited with ${code}:\n${output}`)));
  });
  return child;
}

async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

async function chunksOf(site: string): Promise<Chunk[]> {
  return (await readFile(join(site, '.docent', 'chunks.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Chunk);
}

async function sources(base: string, text: string, context: Record<string, string>) {
  const response = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }],
      context,
    }),
  });
  const body = await response.text();
  const urls = [...body.matchAll(/"type":"source-url"[^}]*"url":"([^"]+)"/g)].map((match) => match[1]!);
  const answer = [...body.matchAll(/"type":"text-delta"[^}]*"delta":"((?:[^"\\]|\\.)*)"/g)]
    .map((match) => JSON.parse(`"${match[1]}"`) as string)
    .join('');
  return { urls, answer };
}

/** Asks in the widget on the page, follows the first source chip, and returns where it landed. */
async function askAndFollow(page: Page, question: string) {
  await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
  await page.click('[data-docent-launcher]');
  await page.fill('[data-docent-panel] textarea', question);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-docent-answer="done"], [data-docent-answer="error"]');
  const chip = page.locator('[data-docent-source][href*="#"]').first();
  const href = (await chip.getAttribute('href'))!;
  await chip.click();
  const anchor = decodeURIComponent(href.split('#')[1]!);
  const heading = page.locator(`[id="${anchor}"]`);
  await heading.waitFor({ state: 'visible' });
  return { href, url: page.url(), heading: (await heading.innerText()).replace(/\u200b/g, '').trim() };
}

/**
 * Small real Docusaurus sites, one cached install for all of them (the site-owner workspace's), each taken
 * through build, index, ask, cite and a click in Chromium that lands on the heading.
 */
describe('real Docusaurus sites, read as Docusaurus reads them', { timeout: 300_000 }, () => {
  let workspace: SiteOwnerWorkspace;
  let browser: Browser | undefined;
  const services: ChildProcess[] = [];
  const sites: Record<string, { dir: string; base: string; chunks: Chunk[] }> = {};

  beforeAll(async () => {
    const log = (line: string) => console.log(`[trait-sites] ${line}`);
    workspace = await siteOwnerWorkspace(log);
    for (const site of [VERSIONED, PRODUCT]) {
      const dir = await buildTraitSite(workspace, site, log);
      const port = await freePort();
      services.push(await serve(workspace, dir, port));
      sites[site.name] = { dir, base: `http://localhost:${port}`, chunks: await chunksOf(dir) };
    }
    browser = await launchBrowser();
  }, 1_200_000);

  afterAll(async () => {
    await browser?.close();
    for (const service of services) await stop(service);
  });

  it('answers from the version at the docs root (lastVersion), never the unreleased one, when no version is named', async () => {
    const { dir, base } = sites.versioned!;
    const manifest = JSON.parse(await readFile(join(dir, '.docusaurus/docent/docent-manifest.json'), 'utf8'));
    expect(manifest.defaultVersion).toBe('2.x');
    const { urls } = await sources(base, 'How do I install the widget toolkit?', { path: '/' });
    expect(urls[0]).toBe('/docs/install#install-the-toolkit');
    expect(urls.some((url) => url.startsWith('/docs/next/'))).toBe(false);
  });

  it('reads .md pages as MDX, with their @site and nested partials, explicit ids and fences', async () => {
    const { chunks, dir } = sites.versioned!;
    const text = chunks.map((chunk) => chunk.text).join('\n');
    expect(text).not.toMatch(/import (Tabs|Shared)|<TabItem/);
    expect(text).toMatch(/npm\nRun npm install widgets to add the widget toolkit\./);
    expect(text).toContain('Rotate the signing key every 90 days.');
    expect(text).toContain('Keep exactly two signing keys live while a rotation is under way.');
    const calling = chunks.find((chunk) => chunk.url.startsWith('/docs/api#'))!;
    const html = await readFile(join(dir, 'build/docs/api/index.html'), 'utf8');
    expect(headingsOfHtml(html).map((heading) => heading.id)).toContain(calling.url.split('#')[1]);
    expect(calling.url).toBe('/docs/api#A.call');
    expect(calling.text).toContain('# comment');
  });

  it('keeps the blog its own source: docs first, posts when clearly better, and first for a reader on a post', async () => {
    const { base, chunks } = sites.versioned!;
    const post = chunks.find((chunk) => chunk.sourcePath.startsWith('blog/'))!;
    const postPath = post.url.split('#')[0]!;
    expect((await sources(base, 'How do I install the widget toolkit?', { path: '/' })).urls[0]).toMatch(
      /^\/docs\//,
    );
    const gauge = await sources(base, 'Which release ships the gauge widget with animated needles?', {
      path: '/docs/install',
    });
    expect(gauge.urls[0]).toMatch(/^\/blog\//);
    expect((await sources(base, 'How do I install the widget toolkit?', { path: postPath })).urls[0]).toMatch(
      /^\/blog\//,
    );
    const copy = await readFile(join(sites.versioned!.dir, 'build', `${postPath}.md`), 'utf8');
    expect(copy).toMatch(/^# Widgets 2\.4\n\nPublished 2024-05-01 by Ada Lovelace\n/);
  });

  it('lists blog posts in the search box after the docs pages, marked "Blog"', async () => {
    const { base } = sites.versioned!;
    const page = await browser!.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/docs/install`);
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-search]');
    await page.keyboard.press('Control+k');
    await page.waitForSelector('[data-docent-search-dialog]');
    await page.keyboard.type('gauge widget');
    const rows = '[data-docent-search-row="result"]';
    await expect
      .poll(() => page.$$eval(rows, (found) => found.map((row) => row.getAttribute('data-url') ?? '')))
      .toContainEqual(expect.stringMatching(/^\/blog\//));
    const urls = await page.$$eval(rows, (found) => found.map((row) => row.getAttribute('data-url') ?? ''));
    const firstPost = urls.findIndex((url) => url.startsWith('/blog/'));
    expect(urls.slice(firstPost).every((url) => url.startsWith('/blog/'))).toBe(true);
    expect(urls.slice(0, firstPost).every((url) => url.startsWith('/docs/'))).toBe(true);
    expect(await page.getAttribute(`[role="group"]:has(${rows}[data-url^="/blog/"])`, 'aria-label')).toBe(
      'Blog: Widgets 2.4',
    );
    await screenshot(page, 'trait-site-search-blog');
    expect(errors).toEqual([]);
  });

  it('cites a non-ASCII page, and a click in Chromium lands on its heading', async () => {
    const { base } = sites.versioned!;
    const page = await browser!.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/docs/${encodeURIComponent('café-guide')}`);
    const landed = await askAndFollow(page, 'How many grams of coffee for a double shot?');
    expect(decodeURIComponent(landed.href)).toBe('/docs/café-guide#brewing-strength');
    expect(landed.heading).toBe('Brewing strength');
    await screenshot(page, 'trait-site-non-ascii');
    const russian = await sources(base, 'Какая версия Node.js нужна?', { path: '/docs/установка' });
    expect(decodeURI(russian.urls[0]!)).toBe('/docs/установка#системные-требования');
    expect(errors).toEqual([]);
  });

  it('serves a site under its baseUrl with trailing slashes, cites its canonical URLs, and lands on the heading', async () => {
    const { base, chunks, dir } = sites.product!;
    expect(chunks.map((chunk) => chunk.url)).toContain('/product/docs/intro/#configure-the-cache');
    const llms = await readFile(join(dir, 'build/llms.txt'), 'utf8');
    expect(llms).toContain('https://widgets.example.com/product/docs/intro.md');
    const page = await browser!.newPage();
    const errors = watchErrors(page);
    const response = await page.goto(`${base}/product/docs/guide/`);
    expect(response?.status()).toBe(200);
    const landed = await askAndFollow(page, 'How do I keep unchanged pages between builds?');
    expect(landed.href).toBe('/product/docs/intro/#configure-the-cache');
    expect(landed.url).toBe(`${base}/product/docs/intro/#configure-the-cache`);
    expect(landed.heading).toBe('Configure the cache');
    await screenshot(page, 'trait-site-base-url');
    expect(errors).toEqual([]);
  });
});
