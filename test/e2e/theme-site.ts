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
  docusaurus: (args: string[]) => Promise<string>;
  cleanup: () => Promise<void>;
};

/**
 * A small real Docusaurus site (classic preset, English and French, one docs page, the Docent theme) in a
 * temporary folder. Its `node_modules` is a link to the website's, so no install is needed: Docusaurus
 * resolves the theme, the preset and React from there as from any site's own `node_modules`.
 * `files` adds or replaces files (paths relative to the site); `config` is spliced into the site config.
 */
export async function themeSite(
  options: { files?: Record<string, string>; config?: string } = {},
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
  presets: [['classic', { docs: { routeBasePath: 'docs' }, blog: false, theme: {} }]],
  themes: ['@docent/docusaurus-theme'],
  themeConfig: { docent: { serverUrl: 'http://127.0.0.1:9' } },
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
  const docusaurus = (args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(join(WEBSITE, 'node_modules', '.bin', 'docusaurus'), args, {
        cwd: dir,
        env: ownerEnv(),
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
  return { dir, docusaurus, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
