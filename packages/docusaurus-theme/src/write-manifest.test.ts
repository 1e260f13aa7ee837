import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOG_VERSION, MANIFEST_DIR } from '@docent/protocol';
import type { Props } from '@docusaurus/types';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BLOG_VERSION as THEME_BLOG_VERSION,
  MANIFEST_DIR as THEME_MANIFEST_DIR,
  writeManifest,
} from './write-manifest.js';

const page = (heading: string, id: string) =>
  `<html><body><article><h1>Title</h1><h2 id="${id}">${heading}</h2></article></body></html>`;

describe('writeManifest', () => {
  let site = '';
  afterAll(async () => {
    if (site) await rm(site, { recursive: true, force: true });
  });

  it('records what Docusaurus loaded (versions, front matter, blog posts, site config) outside the build', async () => {
    expect(THEME_MANIFEST_DIR).toBe(MANIFEST_DIR);
    expect(THEME_BLOG_VERSION).toBe(BLOG_VERSION);
    site = await mkdtemp(join(tmpdir(), 'docent-manifest-'));
    const outDir = join(site, 'build');
    for (const [path, html] of [
      ['docs/install/index.html', page('Setup', 'setup')],
      ['docs/next/install/index.html', page('Setup', 'setup')],
      ['blog/widgets/index.html', page('Highlights', 'highlights')],
    ] as const) {
      await mkdir(join(outDir, path, '..'), { recursive: true });
      await writeFile(join(outDir, path), html);
    }
    const doc = (source: string, permalink: string) => ({
      source,
      permalink,
      title: 'Install',
      frontMatter: { format: 'mdx', sidebar_position: 2 },
    });
    const props = {
      siteDir: site,
      outDir,
      baseUrl: '/product/',
      siteConfig: {
        url: 'https://docs.example.com',
        baseUrl: '/product/',
        trailingSlash: true,
        markdown: { format: 'mdx' },
      },
      i18n: { currentLocale: 'en', defaultLocale: 'en', locales: ['en'] },
      plugins: [
        {
          name: 'docusaurus-plugin-content-docs',
          options: { id: 'default' },
          content: {
            loadedVersions: [
              {
                versionName: 'current',
                label: 'Next',
                path: '/product/docs/next',
                isLast: false,
                contentPath: join(site, 'docs'),
                docs: [doc('@site/docs/install.md', '/product/docs/next/install')],
              },
              {
                versionName: '2.x',
                label: '2.x',
                path: '/product/docs',
                isLast: true,
                contentPath: join(site, 'versioned_docs/version-2.x'),
                docs: [
                  doc('@site/versioned_docs/version-2.x/install.md', '/product/docs/install'),
                  { ...doc('@site/versioned_docs/version-2.x/draft.md', '/product/docs/draft'), draft: true },
                ],
              },
            ],
          },
        },
        {
          name: 'docusaurus-plugin-content-blog',
          options: { id: 'default' },
          content: {
            blogPosts: [
              {
                metadata: {
                  source: '@site/blog/2024-05-01-widgets.md',
                  permalink: '/product/blog/widgets',
                  title: 'Widgets 2.4',
                  date: new Date('2024-05-01T00:00:00Z'),
                  authors: [{ name: 'Ada Lovelace', key: 'ada' }, { key: 'grace' }],
                  tags: [{ label: 'Release', permalink: '/product/blog/tags/release' }],
                  frontMatter: { slug: 'widgets' },
                },
              },
            ],
          },
        },
      ],
    } as unknown as Props;

    const { manifest, path } = await writeManifest(props);
    expect(path).toBe(join(site, '.docusaurus', 'docent', 'docent-manifest.json'));
    expect(existsSync(join(outDir, 'docent-manifest.json'))).toBe(false);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(manifest);
    expect(manifest).toMatchObject({
      baseUrl: '/product/',
      trailingSlash: true,
      markdownFormat: 'mdx',
      defaultVersion: '2.x',
      docs: [
        {
          pluginId: 'default',
          versions: [
            { name: 'current', label: 'Next', path: '/product/docs/next', isDefault: false },
            { name: '2.x', label: '2.x', path: '/product/docs', isDefault: true },
          ],
        },
      ],
    });
    expect(manifest.routes.map((route) => [route.permalink, route.version, route.kind])).toEqual([
      ['/product/docs/next/install/', 'current', 'doc'],
      ['/product/docs/install/', '2.x', 'doc'],
      ['/product/blog/widgets/', BLOG_VERSION, 'blog'],
    ]);
    expect(manifest.routes[1]).toMatchObject({
      contentPath: 'install.md',
      frontMatter: { format: 'mdx', sidebar_position: 2 },
      headings: [{ depth: 2, text: 'Setup', id: 'setup' }],
    });
    expect(manifest.routes[2]).toMatchObject({
      date: '2024-05-01T00:00:00.000Z',
      authors: ['Ada Lovelace', 'grace'],
      tags: ['Release'],
    });
  });
});
