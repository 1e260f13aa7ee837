import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '@docent/test-support';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, watchErrors } from './browser.js';

const root = join(import.meta.dirname, '..', '..');

describe('the README demo command', { timeout: 120_000 }, () => {
  let demo: ChildProcess | undefined;
  let url = '';
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null) {
      const exited = new Promise((resolve) => demo!.once('exit', resolve));
      // npm runs the demo in a child of a shell: stop the whole process group.
      process.kill(-demo.pid!, 'SIGINT');
      await exited;
    }
  });

  it('serves the site and answers a question through the real widget, with a source link into the site', async () => {
    const port = await freePort();
    // The README's command as written, plus the documented --port; the site was built by the test setup
    // (the demo's own build step is the same `docusaurus build`), so --skip-build.
    demo = spawn('npm', ['run', 'demo', '--', '--skip-build', '--port', String(port)], {
      cwd: root,
      env: { ...process.env, OPENAI_API_KEY: '', DOCENT_LLM_MODEL: '', DOCENT_PORT: '', PORT: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the demo did not start:\n${output}`)), 60_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Docent demo: (http:\/\/\S+?)\/?\s/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      demo!.stdout!.on('data', read);
      demo!.stderr!.on('data', read);
      demo!.once('exit', (code) => reject(new Error(`the demo exited with ${code}:\n${output}`)));
    });
    expect(output).toMatch(/generator extractive/);
    expect(url).toBe(`http://localhost:${port}`);

    browser = await launchBrowser();
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${url}/`);
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-launcher]');
    await page.click('[data-docent-launcher]');
    await page.fill('[data-docent-panel] textarea', 'How do I add Docent to my Docusaurus site?');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-docent-answer="done"]');
    const source = page.locator('[data-docent-source]').first();
    const href = (await source.getAttribute('href'))!;
    expect(href).toMatch(/^\/docs\/getting-started/);
    await source.click();
    // Wait for what the reader sees, not the URL: Docusaurus changes the URL before it renders the route.
    await page.locator('h1', { hasText: 'Getting started' }).waitFor();
    const anchor = new URL(href, url).hash.slice(1);
    if (anchor) await page.locator(`[id="${anchor}"]`).waitFor();
    expect(page.url()).toBe(new URL(href, url).toString());
    expect(errors).toEqual([]);
  });

  it('serves llms.txt and the pages as markdown, and "Copy page" copies the markdown', async () => {
    expect(url).not.toBe('');
    const llms = await fetch(`${url}/llms.txt`);
    expect(llms.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await llms.text()).toMatch(/^# Docent\n\n> /);
    const twin = await fetch(`${url}/docs/getting-started.md`);
    expect(twin.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const markdown = await twin.text();
    expect(markdown).toMatch(/^# Getting started\n/);

    const context = await browser!.newContext({ viewport: { width: 1100, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${url}/docs/getting-started`);
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-page-actions]');
    await screenshot(page, 'page-actions');
    expect(await page.locator('[data-docent-view-markdown]').getAttribute('href')).toBe(
      '/docs/getting-started.md',
    );
    // Off by default: these send the page's URL to a third party.
    expect(await page.locator('[data-docent-open-in]').count()).toBe(0);
    await page.click('[data-docent-copy-page]');
    await page.waitForSelector('[data-docent-copy-page="copied"]');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);
    // French pages copy the French page.
    await page.goto(`${url}/fr/docs/getting-started`);
    await page.waitForSelector('html[data-has-hydrated="true"] [data-docent-page-actions]');
    expect(await page.locator('[data-docent-copy-page]').innerText()).toBe('Copier la page');
    expect(await page.locator('[data-docent-view-markdown]').getAttribute('href')).toBe(
      '/fr/docs/getting-started.md',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('serves MCP at /mcp: an IDE agent lists the tools and searches the docs', async () => {
    expect(url).not.toBe('');
    const client = new Client({ name: 'docent-demo-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
    const { tools } = await client.listTools();
    console.log(
      `[demo] tools/list: ${JSON.stringify(
        tools.map(({ name, description }) => ({ name, description })),
        null,
        2,
      )}`,
    );
    expect(tools.map((tool) => tool.name).sort()).toEqual(['ask_docs', 'read_page', 'search_docs']);
    const result = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'How do I run the indexer in GitHub Actions?', limit: 3 },
    });
    const { results } = result.structuredContent as { results: { url: string; breadcrumb: string }[] };
    console.log(
      `[demo] search_docs: ${JSON.stringify(
        results.map(({ breadcrumb, url: link }) => ({ breadcrumb, url: link })),
        null,
        2,
      )}`,
    );
    expect(results[0]!.url).toMatch(new RegExp(`^${url}/docs/indexing-in-ci#`));
    const read = await client.callTool({ name: 'read_page', arguments: { url: results[0]!.url } });
    expect((read.content as { text: string }[])[0]!.text).toMatch(/^# Indexing in CI/);
    await client.close();
  });

  it('answers the curl commands of the "llms.txt, Markdown pages and MCP" page, run as written', async () => {
    expect(url).not.toBe('');
    const page = await readFile(join(root, 'website', 'docs', 'llms-txt-and-mcp.md'), 'utf8');
    const commands = [...page.matchAll(/^```bash\n(curl [^\n]+)\n```$/gm)].map((match) => match[1]!);
    expect(commands).toHaveLength(2);
    const outputs = commands.map((command) =>
      execSync(command.replace('http://localhost:8787', url), { encoding: 'utf8' }),
    );
    const list = JSON.parse(outputs[0]!) as { result: { tools: { name: string }[] } };
    expect(list.result.tools.map((tool) => tool.name).sort()).toEqual([
      'ask_docs',
      'read_page',
      'search_docs',
    ]);
    const search = JSON.parse(outputs[1]!) as {
      result: { structuredContent: { results: { url: string }[] } };
    };
    expect(search.result.structuredContent.results[0]!.url).toMatch(/\/docs\/indexing-in-ci#/);
  });
});
