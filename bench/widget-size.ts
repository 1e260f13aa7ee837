import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/browser.js';
import { startProcess } from './processes.js';

const root = join(import.meta.dirname, '..');

function build(outDir: string, withTheme: boolean): void {
  const result = spawnSync(
    'pnpm',
    ['--filter', 'docent-website', 'exec', 'docusaurus', 'build', '--locale', 'en', '--out-dir', outDir],
    {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1', DOCENT_DISABLE_THEME: withTheme ? '0' : '1' },
    },
  );
  if (result.status !== 0)
    throw new Error(`docusaurus build (${withTheme ? 'with' : 'without'} the theme) failed`);
}

/** Gzipped bytes of every script the page fetches while `action` runs. */
async function scriptBytes(page: Page, action: () => Promise<void>): Promise<number> {
  const sizes: Promise<number>[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    if (response.request().resourceType() === 'script')
      sizes.push(response.body().then((body) => gzipSync(body, { level: 9 }).length));
  };
  page.on('response', onResponse);
  await action();
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  return (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
}

export type WidgetFigures = {
  initialGzipBytes: number;
  panelGzipBytes: number;
  /** The search dialog's chunk, fetched when the reader first opens the search box. */
  searchGzipBytes: number;
  pageWithoutThemeGzipBytes: number;
};

/**
 * JS the theme adds to a page's first load (the same docs page built with and without the theme), and the
 * panel's chunk, fetched on first open, and the search dialog's (React and Docusaurus modules already on the
 * page are not counted). Docent's own site has the search box turned on, so the first load includes its button.
 */
export async function measureWidget(index: string): Promise<WidgetFigures> {
  const folder = await mkdtemp(join(tmpdir(), 'docent-bench-widget-'));
  const browser = await launchBrowser();
  const servers: Awaited<ReturnType<typeof startProcess>>[] = [];
  try {
    build(join(folder, 'with'), true);
    build(join(folder, 'without'), false);
    const serve = async (dir: string) => {
      const server = await startProcess(
        'packages/server/src/cli.ts',
        ['--index', index, '--static', dir, '--port', '0', '--host', '127.0.0.1'],
        {},
        /listening on (http:\/\/\S+): /,
      );
      servers.push(server);
      return server.match[1]!;
    };
    const withUrl = await serve(join(folder, 'with'));
    const withoutUrl = await serve(join(folder, 'without'));
    const page = await browser.newPage();
    const withTheme = await scriptBytes(page, async () => {
      await page.goto(`${withUrl}/docs/getting-started`);
    });
    const panel = await scriptBytes(page, async () => {
      await page.click('[data-docent-launcher]');
      await page.waitForSelector('[data-docent-panel]');
    });
    const search = await scriptBytes(page, async () => {
      await page.keyboard.press('Escape');
      await page.click('[data-docent-search]');
      await page.waitForSelector('[data-docent-search-dialog]');
    });
    const plain = await browser.newPage();
    const withoutTheme = await scriptBytes(plain, async () => {
      await plain.goto(`${withoutUrl}/docs/getting-started`);
    });
    return {
      initialGzipBytes: withTheme - withoutTheme,
      panelGzipBytes: panel,
      searchGzipBytes: search,
      pageWithoutThemeGzipBytes: withoutTheme,
    };
  } finally {
    await browser.close();
    await Promise.all(servers.map((server) => server.stop()));
    await rm(folder, { recursive: true, force: true });
  }
}
