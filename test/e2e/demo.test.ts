import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@docent/test-support';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchErrors } from './browser.js';

const root = join(import.meta.dirname, '..', '..');

describe('the README demo command', { timeout: 120_000 }, () => {
  let demo: ChildProcess | undefined;
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
    const url = await new Promise<string>((resolve, reject) => {
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
});
