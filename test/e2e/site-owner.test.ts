import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '@docent/test-support';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headingsOfHtml } from '../../packages/docusaurus-theme/src/page-headings.js';
import { launchBrowser, screenshot, watchErrors } from './browser.js';
import {
  ownerEnv,
  ROOT,
  SERVICE_PORT,
  type SiteOwnerWorkspace,
  sh,
  siteOwnerWorkspace,
} from './site-owner-setup.js';

/** A long-running command (a server), stopped with its whole process group. */
function start(command: string, cwd: string, ready: RegExp, env: NodeJS.ProcessEnv = {}) {
  const child = spawn('bash', ['-c', command], {
    cwd,
    env: ownerEnv({ BROWSER: 'none', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`\`${command}\` did not start:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`\`${command}\` exited with ${code}:\n${output}`)));
  });
  return { child, started, output: () => output };
}

async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

type Chunk = { url: string; headings: string[]; sourcePath: string };

/**
 * The whole site-owner path, as Getting started writes it: a site from the `create-docusaurus` classic
 * TypeScript template (its default `future: { v4: true }` included), Docent installed from `pnpm pack`
 * tarballs, the config lines added, built, indexed with `--site`, the answer service run from its own folder,
 * and a reader asking in Chromium and following a source chip to the heading it names.
 */
describe('a new Docusaurus site set up as Getting started says', { timeout: 240_000 }, () => {
  let workspace: SiteOwnerWorkspace;
  let chunks: Chunk[];
  let service: ReturnType<typeof start> | undefined;
  let browser: Browser | undefined;
  const servers: ChildProcess[] = [];

  beforeAll(async () => {
    workspace = await siteOwnerWorkspace((line) => console.log(`[site-owner] ${line}`));
    const indexed = await sh(
      'npx docent-index --site . --out .docent/index.docent --dump .docent/chunks.jsonl',
      workspace.site,
    );
    expect(indexed).toMatch(/\d+ files, \d+ chunks .* 0 errors/);
    chunks = (await readFile(join(workspace.site, '.docent', 'chunks.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Chunk);
    // As in production: only the site's own origin is listed; localhost pages still work in development.
    service = start(
      `npx docent-server --index ../my-site/.docent/index.docent --port ${SERVICE_PORT} --allowed-origins https://docs.example.com`,
      workspace.service,
      /docent-server listening on/,
    );
    await service.started;
    browser = await launchBrowser({ hostRules: `MAP docs-api.test 127.0.0.1` });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await stop(server);
    await stop(service?.child);
  });

  it('follows the documented commands (and the docs still show them)', async () => {
    const guide = await readFile(join(ROOT, 'website', 'docs', 'getting-started.md'), 'utf8');
    for (const documented of [
      'npm install --save-dev @docent/docusaurus-theme @docent/indexer',
      "themes: ['@docent/docusaurus-theme'],",
      "serverUrl: process.env.DOCENT_SERVER_URL ?? 'http://localhost:8787',",
      'npm run build',
      'npx docent-index --site . --out .docent/index.docent',
      'npm init -y',
      'npm install @docent/server',
      'npx docent-server --index ../my-site/.docent/index.docent',
      'npm start',
    ])
      expect(guide).toContain(documented);
    if (!workspace.fromCache) expect(workspace.commands).toContain('npm run build');
  });

  it('gets llms.txt, llms-full.txt and a markdown copy of every doc page with no setting', async () => {
    const build = join(workspace.site, 'build');
    const llms = await readFile(join(build, 'llms.txt'), 'utf8');
    expect(llms).toMatch(/^# My Site\n\n> /);
    expect(llms).toMatch(/^## Tutorial - Basics$/m);
    const manifest = JSON.parse(
      await readFile(join(workspace.site, '.docusaurus', 'docent', 'docent-manifest.json'), 'utf8'),
    ) as {
      routes: { permalink: string; kind: string; version: string }[];
      defaultVersion: string;
    };
    const docs = manifest.routes.filter((route) => route.kind === 'doc');
    expect(docs.length).toBeGreaterThan(5);
    // Two versions: the released 1.0 is the one at the docs root, and the root llms.txt lists its pages.
    expect(manifest.defaultVersion).toBe('1.0');
    expect(new Set(docs.map((route) => route.version))).toEqual(new Set(['1.0', 'current']));
    for (const route of docs) {
      const markdown = await readFile(join(build, `${route.permalink.replace(/\/$/, '/index')}.md`), 'utf8');
      expect(markdown).toMatch(/^# \S/);
      if (route.version === manifest.defaultVersion)
        expect(llms).toContain(`${route.permalink.replace(/\/$/, '/index')}.md)`);
    }
    expect((await readFile(join(build, 'llms-full.txt'), 'utf8')).length).toBeGreaterThan(llms.length);
    // The template's blog posts: copied as markdown too, and listed under Optional.
    const posts = manifest.routes.filter((route) => route.kind === 'blog');
    expect(posts.length).toBeGreaterThan(0);
    const optional = llms.slice(llms.indexOf('## Optional'));
    for (const post of posts) {
      expect(optional).toContain(`${post.permalink}.md)`);
      expect(await readFile(join(build, `${post.permalink}.md`), 'utf8')).toMatch(/^# \S/);
    }
  });

  it('answers a reader with no version from the released docs at /docs/, and keeps the blog its own source', async () => {
    const ask = async (text: string, context: Record<string, string>) => {
      const response = await fetch(`http://localhost:${SERVICE_PORT}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://docs.example.com' },
        body: JSON.stringify({
          messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }],
          context,
        }),
      });
      const body = await response.text();
      return [...body.matchAll(/"type":"source-url"[^}]*"url":"([^"]+)"/g)].map((match) => match[1]!);
    };
    const home = await ask('How do I start the development server?', { path: '/' });
    expect(home[0]).toMatch(/^\/docs\/(?!next\/)/);
    expect(home.some((url) => url.startsWith('/docs/next/'))).toBe(false);
    expect(chunks.some((chunk) => chunk.url.startsWith('/blog/'))).toBe(true);
    const post = chunks.find((chunk) => chunk.url.startsWith('/blog/welcome'))!;
    const question = 'How do I add a blog post with Markdown files in the blog directory?';
    expect((await ask(question, { path: post.url.split('#')[0]! }))[0]).toMatch(/^\/blog\//);
  });

  it('links at least 85% of section chunks to a heading id that exists in the built page', async () => {
    const manifest = JSON.parse(
      await readFile(join(workspace.site, '.docusaurus', 'docent', 'docent-manifest.json'), 'utf8'),
    ) as {
      routes: { permalink: string; headings: unknown[] }[];
    };
    expect(manifest.routes.filter((route) => route.headings.length > 0).length).toBeGreaterThan(5);
    const sections = chunks.filter((chunk) => chunk.headings.length > 1);
    expect(sections.length).toBeGreaterThan(10);
    let linked = 0;
    for (const chunk of sections) {
      const [path, anchor] = chunk.url.split('#');
      if (!anchor) continue;
      const html = await readFile(join(workspace.site, 'build', path!, 'index.html'), 'utf8').catch(() =>
        readFile(join(workspace.site, 'build', `${path}.html`), 'utf8'),
      );
      if (headingsOfHtml(html).some((heading) => heading.id === decodeURIComponent(anchor))) linked++;
    }
    console.log(`[site-owner] ${linked} of ${sections.length} section chunks link to an existing heading id`);
    expect(linked / sections.length).toBeGreaterThanOrEqual(0.85);
  });

  async function askAndFollow(page: Page, question: string) {
    await page.click('[data-docent-launcher]');
    await page.fill('[data-docent-panel] textarea', question);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-docent-answer="done"], [data-docent-answer="error"]');
    const chip = page.locator('[data-docent-source][href*="#"]').first();
    const href = (await chip.getAttribute('href'))!;
    // A chip shows its page and its section apart; the section is what the heading says.
    const section = chip.locator('[data-docent-source-section]');
    const title =
      (await section.count()) > 0
        ? (await section.innerText()).trim()
        : (await chip.innerText()).split('\n').at(-1)!.trim();
    await chip.click();
    const anchor = decodeURIComponent(href.split('#')[1]!);
    // Wait for what the reader sees: the heading the chip names, on screen.
    const heading = page.locator(`[id="${anchor}"]`);
    await heading.waitFor({ state: 'visible' });
    return { href, title, headingText: (await heading.innerText()).replace(/\u200b/g, '').trim() };
  }

  it('answers a reader on the built site, and a source chip lands on the heading it names', async () => {
    const port = await freePort();
    const site = start(`npm run serve -- --port ${port} --no-open`, workspace.site, /Serving "build"/);
    servers.push(site.child);
    await site.started;
    const page = await browser!.newPage();
    const errors = watchErrors(page);
    await page.goto(`http://localhost:${port}/docs/intro`);
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
    const { href, title, headingText } = await askAndFollow(page, 'How do I start the development server?');
    expect(href).toMatch(/^\/docs\/[^#]+#.+/);
    expect(headingText).toBe(title);
    await screenshot(page, 'site-owner-landed');
    expect(errors).toEqual([]);
  });

  it('works under `npm start`, and a site the service does not allow is told why', async () => {
    const port = await freePort();
    // The service reached by a public name (docs-api.test, mapped to this machine in the browser): localhost
    // pages are not allowed there, so the widget must show the service's reason, not "cannot reach".
    const dev = start(`npm start -- --port ${port} --no-open`, workspace.site, /compiled successfully/, {
      DOCENT_SERVER_URL: `http://docs-api.test:${SERVICE_PORT}`,
    });
    servers.push(dev.child);
    await dev.started;
    const page = await browser!.newPage();
    await page.goto(`http://localhost:${port}/docs/intro`);
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
    await page.click('[data-docent-launcher]');
    await page.fill('[data-docent-panel] textarea', 'How do I start the development server?');
    await page.keyboard.press('Enter');
    await page.getByText(/may not use this assistant: add it to DOCENT_ALLOWED_ORIGINS/).waitFor();
    await screenshot(page, 'site-owner-refused');
    // One development server at a time on one site folder: two share its bundler cache (rspack panicked).
    await stop(dev.child);

    const local = start(
      `npm start -- --port ${await freePort()} --no-open`,
      workspace.site,
      /compiled successfully/,
      {
        DOCENT_SERVER_URL: `http://localhost:${SERVICE_PORT}`,
      },
    );
    servers.push(local.child);
    await local.started;
    const url = /running at: (http:\/\/\S+?)\/?\s/.exec(local.output())![1]!;
    const devPage = await browser!.newPage();
    await devPage.goto(`${url}/docs/intro`);
    await devPage.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
    const { headingText, title } = await askAndFollow(devPage, 'How do I start the development server?');
    expect(headingText).toBe(title);
  });

  it('learns from readers as that page says: the question log, the report, and golden questions in CI', async () => {
    const guide = await readFile(join(ROOT, 'website', 'docs', 'learning-from-readers.md'), 'utf8');
    const ci = await readFile(join(ROOT, 'website', 'docs', 'indexing-in-ci.md'), 'utf8');
    const serveCommand =
      'npx docent-server --index .docent/index.docent --question-log .docent/questions.jsonl';
    const reportCommand =
      'npx docent-report --from .docent/questions.jsonl --out docent-report --site-url https://docs.example.com';
    const checkCommand = 'npx docent-index --site . --out .docent/index.docent --check docs-questions.jsonl';
    expect(guide).toContain(serveCommand);
    expect(guide).toContain(reportCommand);
    expect(ci).toContain(checkCommand);

    // The site folder is cached between runs: start from an empty log.
    await rm(join(workspace.site, '.docent', 'questions.jsonl'), { force: true });
    const port = await freePort();
    const logged = start(serveCommand, workspace.site, /docent-server listening on/, { PORT: String(port) });
    servers.push(logged.child);
    await logged.started;
    for (const text of ['How do I create a new page?', 'How do I deploy to Kubernetes with Helm?']) {
      const response = await fetch(`http://localhost:${port}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }] }),
      });
      await response.text();
    }
    await stop(logged.child);
    expect(await sh(reportCommand, workspace.site)).toMatch(
      /docent-report: 2 questions \(50% declined\), 1 unanswered topics/,
    );
    const report = JSON.parse(await readFile(join(workspace.site, 'docent-report', 'report.json'), 'utf8'));
    expect(report.unansweredTopics[0].examples).toEqual(['How do I deploy to Kubernetes with Helm?']);

    const page = chunks.find((chunk) => /create-a-page/.test(chunk.url))!;
    await writeFile(
      join(workspace.site, 'docs-questions.jsonl'),
      `${JSON.stringify({ id: 'page', question: 'How do I create a new page?', expected: [{ path: page.sourcePath, heading: null }] })}\n`,
    );
    expect(await sh(checkCommand, workspace.site)).toMatch(
      /check: 1\/1 questions find their section in the top 5/,
    );
  });
});
