import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOG_VERSION, type Manifest } from '@docent/protocol';
import { LocalStore } from '@docent/retrieval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

type Dumped = { sourcePath: string; url: string; headings: string[]; text: string };

const route = (
  sourcePath: string,
  contentPath: string,
  permalink: string,
  version: string,
  title: string,
  ids: string[],
  kind: 'doc' | 'blog' = 'doc',
) => ({
  sourcePath,
  contentPath,
  permalink,
  title,
  kind,
  version,
  locale: 'en',
  headings: ids.map((id) => ({ depth: 2, text: id, id })),
});

/**
 * A built versioned site as the theme records it in `.docusaurus/docent/docent-manifest.json`: `2.x` is
 * `lastVersion` (at `/docs/`), `current` is `next`, a blog post, `.md` pages parsed as MDX (Docusaurus 3's
 * default), a partial through `@site`, and `trailingSlash: true` (permalinks end in `/`).
 */
const MANIFEST: Manifest = {
  manifestVersion: 1,
  siteUrl: 'https://docs.example.com',
  baseUrl: '/',
  defaultLocale: 'en',
  locales: ['en'],
  markdownFormat: 'mdx',
  trailingSlash: true,
  defaultVersion: '2.x',
  docs: [
    {
      pluginId: 'default',
      versions: [
        { name: 'current', label: 'Next', path: '/docs/next', isDefault: false },
        { name: '2.x', label: '2.x', path: '/docs', isDefault: true },
      ],
    },
  ],
  routes: [
    route('docs/install.md', 'install.md', '/docs/next/install/', 'current', 'Install', ['setup']),
    route('versioned_docs/version-2.x/install.md', 'install.md', '/docs/install/', '2.x', 'Install', [
      'setup',
    ]),
    route(
      'blog/2024-05-01-widgets.md',
      'blog/2024-05-01-widgets.md',
      '/blog/widgets/',
      'current',
      'Widgets 2.4',
      ['highlights'],
      'blog',
    ),
  ],
};

const INSTALL = (what: string) =>
  [
    '# Install',
    '',
    "import Tabs from '@theme/Tabs';",
    "import TabItem from '@theme/TabItem';",
    "import Shared from '@site/_partials/shared.mdx';",
    '',
    '## Setup',
    '',
    '<Tabs>',
    '  <TabItem value="npm">',
    '',
    `Run npm install ${what}.`,
    '',
    '  </TabItem>',
    '</Tabs>',
    '',
    '<Shared />',
    '',
  ].join('\n');

describe('docent-index --site reads the facts Docusaurus recorded', () => {
  let site = '';
  const dump = () => join(site, '.docent', 'chunks.jsonl');
  const chunks = async () =>
    (await readFile(dump(), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Dumped & { version?: string });

  beforeAll(async () => {
    site = await mkdtemp(join(tmpdir(), 'docent-site-facts-'));
    for (const folder of ['.docusaurus/docent', 'docs', 'versioned_docs/version-2.x', 'blog', '_partials'])
      await mkdir(join(site, folder), { recursive: true });
    await writeFile(join(site, '.docusaurus/docent/docent-manifest.json'), JSON.stringify(MANIFEST));
    await writeFile(join(site, 'docs/install.md'), INSTALL('widgets@next'));
    await writeFile(join(site, 'versioned_docs/version-2.x/install.md'), INSTALL('widgets'));
    await writeFile(join(site, '_partials/shared.mdx'), 'Tokens rotate every hour on every version.\n');
    await writeFile(
      join(site, 'blog/2024-05-01-widgets.md'),
      '# Widgets 2.4\n\n## Highlights\n\nThe gauge widget now has animated needles.\n',
    );
    await writeFile(
      join(site, 'golden.jsonl'),
      `${JSON.stringify({ question: 'How do I install widgets?', expected: [{ path: 'install.md', heading: 'Setup' }] })}\n`,
    );
  });
  afterAll(async () => {
    await rm(site, { recursive: true, force: true });
  });

  it('indexes .md pages as MDX with their @site partials, blog posts as the blog, and records the default version', async () => {
    const out = join(site, '.docent', 'index.docent');
    const run = await runCli(['--site', site, '--out', out, '--dump', dump(), '--quiet']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const all = await chunks();
    const setup = all.find((chunk) => chunk.url === '/docs/install/#setup')!;
    expect(setup.text).toMatch(/\bnpm\nRun npm install widgets\./);
    expect(setup.text).toContain('Tokens rotate every hour on every version.');
    expect(all.map((chunk) => chunk.text).join('\n')).not.toMatch(/import |<Tab|<Shared/);
    expect(all.map((chunk) => chunk.url)).toContain('/docs/next/install/#setup');
    const store = await LocalStore.open({ path: out });
    const stats = await store.stats();
    expect(stats.versions.sort()).toEqual([BLOG_VERSION, '2.x', 'current'].sort());
    expect(stats.info?.defaultVersion).toBe('2.x');
    expect(stats.info?.baseUrl).toBe('/');
    const blog = await store.page('/blog/widgets/');
    expect(blog.length).toBeGreaterThan(0);
    expect(new Set(blog.map((chunk) => chunk.version))).toEqual(new Set([BLOG_VERSION]));
    await store.close();
  });

  it('checks golden questions against the version readers get, or --default-version', async () => {
    const out = join(site, '.docent', 'check.docent');
    const golden = join(site, 'golden.jsonl');
    const run = await runCli(['--site', site, '--out', out, '--quiet', '--check', golden, '--no-blog']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('check: 1/1');
    const store = await LocalStore.open({ path: out });
    expect((await store.stats()).versions.sort()).toEqual(['2.x', 'current']);
    await store.close();
    // The same pages again (nothing to re-chunk): only the default version changes, and it is published.
    const same = await runCli([
      ...['--site', site, '--out', out, '--quiet', '--no-blog', '--default-version', 'current'],
    ]);
    expect(same.out).toMatch(/0 new, 0 changed, \d+ unchanged, 0 deleted.*written to/);
    expect(
      (
        await LocalStore.open({ path: out }).then(async (opened) => {
          const info = (await opened.stats()).info;
          await opened.close();
          return info;
        })
      )?.defaultVersion,
    ).toBe('current');
    const next = await runCli([
      '--site',
      site,
      '--out',
      out,
      '--check',
      golden,
      '--default-version',
      'current',
    ]);
    expect(next.code).toBe(0);
    const reopened = await LocalStore.open({ path: out });
    expect((await reopened.stats()).info?.defaultVersion).toBe('current');
    await reopened.close();
  });

  it('gives folder mode the same facts as flags with Docusaurus defaults', async () => {
    const out = join(site, '.docent', 'folder.docent');
    const folderDump = join(site, '.docent', 'folder.jsonl');
    const run = await runCli([
      ...['--docs', join(site, 'docs'), '--base-url', '/product/docs', '--trailing-slash', 'true'],
      ...['--out', out, '--dump', folderDump, '--quiet'],
    ]);
    expect(run.err).toBe('');
    const dumped = (await readFile(folderDump, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const setup = dumped.find((chunk: Dumped) => chunk.url.endsWith('#setup')) as Dumped;
    // `--site-dir` defaults to the folder above --docs, `--markdown-format` to mdx.
    expect(setup.url).toBe('/product/docs/install/#setup');
    expect(setup.text).toContain('Tokens rotate every hour on every version.');
    expect(setup.text).not.toContain('import');
  });
});
