import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const WEBSITE_MODULES = join(ROOT, 'website', 'node_modules');

/** Every file under `folder`, relative to it. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Red team, round 3, through a real Docusaurus build with the theme: its postBuild writes nothing outside the
 * build folder, whatever a slug says (`slug: ../../../../elsewhere/x`), lists no such page in llms.txt, and
 * reads no partial an import takes out of the site folder into the markdown copies.
 */
describe('red team: the theme in a hostile site build', () => {
  let root: string;
  let site: string;
  let build: ReturnType<typeof spawnSync>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'docent-red-build-'));
    site = join(root, 'a', 'b', 'site');
    await mkdir(join(site, 'docs'), { recursive: true });
    await mkdir(join(site, 'blog'), { recursive: true });
    await symlink(WEBSITE_MODULES, join(site, 'node_modules'));
    await mkdir(join(root, 'a'), { recursive: true });
    await writeFile(join(root, 'a', '_outside.mdx'), 'outside-secret-text\n');
    await writeFile(
      join(site, 'docusaurus.config.mjs'),
      `export default {
  title: 'Hostile', url: 'https://docs.example.com', baseUrl: '/',
  onBrokenLinks: 'ignore', markdown: { format: 'detect' },
  presets: [['classic', { docs: { routeBasePath: 'docs', sidebarPath: false }, blog: { showReadingTime: false, onUntruncatedBlogPosts: 'ignore' }, theme: {} }]],
  themes: ['@docent/docusaurus-theme'],
  themeConfig: { docent: { serverUrl: '' } },
};
`,
    );
    await writeFile(join(site, 'docs', 'intro.md'), '# Intro\n\nThe intro page.\n');
    // Docusaurus itself cannot build a symlinked page; an import climbing out of the site is what it builds.
    await writeFile(
      join(site, 'docs', 'climb.mdx'),
      "import Outside from '../../../_outside.mdx';\n\n# Climb\n\nBefore.\n\n<Outside />\n",
    );
    await writeFile(
      join(site, 'blog', '2026-01-01-escape.md'),
      '---\ntitle: Escape\nslug: ../../../../elsewhere/x\n---\n\nA post whose slug climbs out.\n',
    );
    build = spawnSync('node', [join(WEBSITE_MODULES, '@docusaurus/core/bin/docusaurus.mjs'), 'build', site], {
      cwd: site,
      encoding: 'utf8',
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1', NODE_ENV: 'production' },
      timeout: 240_000,
    });
  }, 300_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes nothing outside the build folder and lists no page that would', async () => {
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    const outside = (await filesUnder(root)).filter(
      (file) =>
        file.endsWith('.md') &&
        !file.startsWith(join(site, 'build')) &&
        !file.startsWith(join(site, 'docs')) &&
        !file.startsWith(join(site, 'blog')) &&
        !file.startsWith(join(site, 'node_modules')),
    );
    expect(outside).toEqual([]);
    expect(existsSync(join(root, 'a', 'elsewhere', 'x.md'))).toBe(false);
    const llms = await readFile(join(site, 'build', 'llms.txt'), 'utf8');
    expect(llms).not.toMatch(/elsewhere/);
    expect(llms).toMatch(/https:\/\/docs\.example\.com\/docs\/intro\.md/);
  });

  it('reads no partial an import takes out of the site folder into the markdown copies', async () => {
    const copies = await Promise.all(
      (await filesUnder(join(site, 'build')))
        .filter((file) => /\.(md|txt)$/.test(file))
        .map((file) => readFile(file, 'utf8')),
    );
    expect(copies.join('\n')).not.toContain('outside-secret-text');
    expect(await readFile(join(site, 'build', 'docs', 'climb.md'), 'utf8')).toContain('Before.');
  });
});
