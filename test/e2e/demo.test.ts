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
      demo.kill('SIGINT');
      await exited;
    }
  });

  it('serves the site and answers a question through the real widget, with a source link into the site', async () => {
    const port = await freePort();
    // The site was built by the test setup; the demo's own build step is the same `docusaurus build`.
    demo = spawn(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['--conditions=source', 'scripts/demo.ts', '--skip-build'],
      {
        cwd: root,
        env: { ...process.env, PORT: String(port), OPENAI_API_KEY: '', DOCENT_LLM_MODEL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
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

    browser = await launchBrowser();
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${url}/`);
    await page.click('[data-docent-launcher]');
    await page.fill('[data-docent-panel] textarea', 'How do I add Docent to my Docusaurus site?');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-docent-answer="done"]');
    const source = page.locator('[data-docent-source]').first();
    const href = (await source.getAttribute('href'))!;
    expect(href).toMatch(/^\/docs\/getting-started/);
    await source.click();
    await page.waitForURL(`**${href}`);
    expect(await page.locator('h1').innerText()).toBe('Getting started');
    expect(errors).toEqual([]);
  });
});
