import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ownerEnv } from './site-owner-setup.js';

/** Docent's own site: its `node_modules` holds a real Docusaurus 3 install with the workspace's theme. */
const WEBSITE = join(import.meta.dirname, '..', '..', 'website');

export type ThemeSite = {
  dir: string;
  /** Runs `docusaurus <args>` in the site; resolves with its output, rejects with it on a non-zero exit. */
  docusaurus: (args: string[], env?: NodeJS.ProcessEnv) => Promise<string>;
  /** `docusaurus start` on `port` (no browser opened); resolves once the page answers. */
  start: (port: number) => Promise<{ url: string; output: () => string; close: () => Promise<void> }>;
  cleanup: () => Promise<void>;
};

/**
 * A small real Docusaurus site (classic preset, English and French, one docs page, the Docent theme) in a
 * temporary folder. Its `node_modules` is a link to the website's, so no install is needed: Docusaurus
 * resolves the theme, the preset and React from there as from any site's own `node_modules`.
 * `files` adds or replaces files (paths relative to the site); `config` is spliced into the site config and
 * `themeConfig` and `docent` into its `themeConfig` and `themeConfig.docent`.
 */
export async function themeSite(
  options: {
    files?: Record<string, string>;
    config?: string;
    docent?: Record<string, unknown>;
    themeConfig?: Record<string, unknown>;
    /** Options of the classic preset, over `{ docs: { routeBasePath: 'docs' }, blog: false }`. */
    preset?: Record<string, unknown>;
  } = {},
): Promise<ThemeSite> {
  const dir = await mkdtemp(join(tmpdir(), 'docent-theme-site-'));
  await symlink(join(WEBSITE, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'theme-site', private: true }),
    'docusaurus.config.js': `export default {
  title: 'Theme site',
  url: 'https://example.com',
  baseUrl: '/',
  i18n: { defaultLocale: 'en', locales: ['en', 'fr'] },
  presets: [['classic', ${JSON.stringify({ docs: { routeBasePath: 'docs' }, blog: false, ...options.preset })}]],
  themes: ['@docent/docusaurus-theme'],
  themeConfig: ${JSON.stringify({
    ...options.themeConfig,
    docent: { serverUrl: 'http://127.0.0.1:9', ...options.docent },
  })},
  ${options.config ?? ''}
};
`,
    'src/pages/index.md': '# Home\n\nSee the [docs](/docs/intro).\n',
    'docs/intro.md': '# Intro\n\nA page about the theme.\n\n## Install\n\nRun the installer.\n',
    ...options.files,
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  const docusaurus = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(join(WEBSITE, 'node_modules', '.bin', 'docusaurus'), args, {
        cwd: dir,
        env: ownerEnv(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.on('exit', (code) =>
        code === 0
          ? resolve(output)
          : reject(new Error(`docusaurus ${args.join(' ')} failed (${code}):\n${output.slice(-4000)}`)),
      );
    });
  const start = async (port: number) => {
    const child = spawn(
      join(WEBSITE, 'node_modules', '.bin', 'docusaurus'),
      ['start', '--port', String(port), '--host', '127.0.0.1', '--no-open'],
      { cwd: dir, env: ownerEnv({ BROWSER: 'none' }), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const url = `http://127.0.0.1:${port}`;
    const close = async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    };
    for (let waited = 0; ; waited += 500) {
      if (child.exitCode !== null) throw new Error(`docusaurus start exited (${child.exitCode}):\n${output}`);
      const ok = await fetch(`${url}/docs/intro`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) break;
      if (waited > 240_000) {
        await close();
        throw new Error(`docusaurus start did not answer in 4 minutes:\n${output.slice(-4000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return { url, output: () => output, close };
  };
  return { dir, docusaurus, start, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
