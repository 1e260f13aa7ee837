import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { applyTrailingSlash } from '@docent/markdown';
// Types only: the theme never loads the protocol's validators (the design keeps the theme light).
import type { Manifest, ManifestRoute } from '@docent/protocol';
import type { LoadedPlugin, Props } from '@docusaurus/types';
import { pageHeadings } from './page-headings.js';
import { contentRelative, siteRelative } from './source-paths.js';

/** Same as `MANIFEST_FILE_NAME` in @docent/protocol (checked by the theme's tests). */
export const MANIFEST_FILE = 'docent-manifest.json';
/** Same as `MANIFEST_DIR` in @docent/protocol: inside Docusaurus's generated files, never in the build. */
export const MANIFEST_DIR = '.docusaurus/docent';
/** Same as `BLOG_VERSION` in @docent/protocol. */
export const BLOG_VERSION = '/blog';

type DocMetadata = {
  source: string;
  permalink: string;
  title: string;
  description?: string;
  unlisted?: boolean;
  draft?: boolean;
  frontMatter?: Record<string, unknown>;
};
type DocsContent = {
  loadedVersions?: {
    versionName: string;
    label?: string;
    path?: string;
    isLast?: boolean;
    contentPath: string;
    contentPathLocalized?: string;
    docs: DocMetadata[];
  }[];
};
type BlogMetadata = DocMetadata & {
  date?: Date | string;
  authors?: { name?: string; key?: string | null }[];
  tags?: { label: string }[];
};
type BlogContent = { blogPosts?: { metadata: BlogMetadata }[] };

/** Where this locale's manifest goes: `<siteDir>/.docusaurus/docent[/<locale>]/docent-manifest.json`. */
export function manifestPath(siteDir: string, locale: string, defaultLocale: string): string {
  return join(siteDir, MANIFEST_DIR, ...(locale === defaultLocale ? [] : [locale]), MANIFEST_FILE);
}

/** Front matter that fits in JSON (Docusaurus's YAML reader can give dates). */
function plainFrontMatter(frontMatter: Record<string, unknown> | undefined) {
  return frontMatter === undefined ? {} : { frontMatter: JSON.parse(JSON.stringify(frontMatter)) };
}

/**
 * Records what Docusaurus knows about this locale's build for the indexer and the service, in
 * `<siteDir>/.docusaurus/docent/…/docent-manifest.json` (outside the build, so it is never published): every
 * doc and blog route with its source file, permalink (with the site's `trailingSlash` applied, as Docusaurus
 * links it), front matter and the heading anchors of the built page; blog posts' dates, authors and tags;
 * each docs plugin's versions (label, path, and which is `lastVersion`, the one at the docs root); the site's
 * `markdown.format`, `baseUrl`, `trailingSlash` and locales. Drafts and unlisted pages are left out.
 */
export async function writeManifest(
  props: Props,
  /** Told about a route whose built page is not in the build (it is left out of the manifest). */
  onMissing: (permalink: string) => void = () => {},
): Promise<{ manifest: Manifest; path: string }> {
  const { siteDir, outDir, siteConfig, i18n, plugins } = props;
  const locale = i18n.currentLocale;
  const link = (permalink: string) =>
    applyTrailingSlash(permalink, {
      trailingSlash: siteConfig.trailingSlash,
      baseUrl: siteConfig.baseUrl,
    });
  const entries: Omit<ManifestRoute, 'headings'>[] = [];
  const docs: NonNullable<Manifest['docs']> = [];
  for (const plugin of plugins as LoadedPlugin[]) {
    if (plugin.name === 'docusaurus-plugin-content-docs') {
      const loaded = (plugin.content as DocsContent).loadedVersions ?? [];
      docs.push({
        pluginId: plugin.options.id ?? 'default',
        versions: loaded.map((version) => ({
          name: version.versionName,
          label: version.label ?? version.versionName,
          path: version.path ?? '',
          isDefault: version.isLast === true,
        })),
      });
      for (const version of loaded) {
        for (const doc of version.docs) {
          if (doc.unlisted || doc.draft) continue;
          const sourcePath = siteRelative(siteDir, doc.source);
          entries.push({
            sourcePath,
            contentPath: contentRelative(siteDir, sourcePath, [
              version.contentPathLocalized,
              version.contentPath,
            ]),
            permalink: link(doc.permalink),
            title: doc.title,
            ...(doc.description ? { description: doc.description } : {}),
            kind: 'doc',
            version: version.versionName,
            locale,
            ...plainFrontMatter(doc.frontMatter),
          });
        }
      }
    }
    if (plugin.name === 'docusaurus-plugin-content-blog') {
      for (const { metadata } of (plugin.content as BlogContent).blogPosts ?? []) {
        if (metadata.unlisted || metadata.draft) continue;
        const sourcePath = siteRelative(siteDir, metadata.source);
        const authors = (metadata.authors ?? []).flatMap((author) => author.name ?? author.key ?? []);
        entries.push({
          sourcePath,
          contentPath: sourcePath,
          permalink: link(metadata.permalink),
          title: metadata.title,
          ...(metadata.description ? { description: metadata.description } : {}),
          kind: 'blog',
          version: BLOG_VERSION,
          locale,
          ...plainFrontMatter(metadata.frontMatter),
          ...(metadata.date ? { date: new Date(metadata.date).toISOString() } : {}),
          ...(authors.length > 0 ? { authors } : {}),
          ...(metadata.tags && metadata.tags.length > 0
            ? { tags: metadata.tags.map((tag) => tag.label) }
            : {}),
        });
      }
    }
  }
  const routes: ManifestRoute[] = [];
  for (const route of entries) {
    const headings = await pageHeadings(outDir, route.permalink, siteConfig.baseUrl);
    if (headings === null) {
      onMissing(route.permalink);
      continue;
    }
    routes.push({ ...route, headings: headings.filter((heading) => heading.depth > 1) });
  }
  const mainDocs = docs.find((plugin) => plugin.pluginId === 'default') ?? docs[0];
  const defaultVersion = mainDocs?.versions.find((version) => version.isDefault)?.name;
  const format = siteConfig.markdown?.format;
  const manifest: Manifest = {
    manifestVersion: 1,
    siteUrl: siteConfig.url,
    baseUrl: siteConfig.baseUrl,
    defaultLocale: i18n.defaultLocale,
    locales: i18n.locales,
    routes,
    docs,
    ...(defaultVersion ? { defaultVersion } : {}),
    ...(format ? { markdownFormat: format } : {}),
    ...(typeof siteConfig.trailingSlash === 'boolean' ? { trailingSlash: siteConfig.trailingSlash } : {}),
  };
  const path = manifestPath(siteDir, locale, i18n.defaultLocale);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, path };
}
