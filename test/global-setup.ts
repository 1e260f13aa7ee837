import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const site = join(root, 'website');

function newest(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  // Files only: a folder's own time changes whenever the build adds or removes an entry in it.
  return Math.max(
    0,
    ...readdirSync(path)
      .filter((name) => name !== 'node_modules' && name !== 'build' && name !== '.docusaurus')
      .map((name) => newest(join(path, name))),
  );
}

function run(args: string[], what: string) {
  const result = spawnSync(args[0]!, args.slice(1), {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
  });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}); see the output above.`);
}

/**
 * Builds the theme and Docent's own site once before the tests that drive them (the browser tests, the
 * Docusaurus-mode indexing test and the demo test). Skipped when the build is newer than every input.
 */
export default function setup() {
  run(['node', 'scripts/build-theme.mjs'], 'Building the theme');
  const built = newest(join(site, '.docusaurus', 'docent', 'docent-manifest.json'));
  const inputs = Math.max(
    newest(site),
    newest(join(root, 'packages', 'docusaurus-theme', 'lib')),
    newest(join(root, 'packages', 'markdown', 'dist')),
  );
  if (process.env.CI || built < inputs) {
    console.log('[docent tests] building the website (both locales, both versions)…');
    run(['pnpm', '--filter', 'docent-website', 'exec', 'docusaurus', 'build'], 'Building the website');
  }
}
