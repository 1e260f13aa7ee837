import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
// Types only: the theme never loads the protocol's validators (the design keeps the theme light).
import type { Manifest, ManifestRoute } from '@docent/protocol';
import type { LoadedPlugin, Props } from '@docusaurus/types';
import { pageHeadings } from './page-headings.js';
import { contentRelative, siteRelative } from './source-paths.js';

/** Same as `MANIFEST_FILE_NAME` in @docent/protocol (checked by the theme's tests). */
export const MANIFEST_FILE = 'docent-manifest.json';

type DocMetadata = {
  source: string;
  permalink: string;
  title: string;
  description?: string;
  unlisted?: boolean;
  draft?: boolean;
};
type DocsContent = {
  loadedVersions?: {
    versionName: string;
    contentPath: string;
    contentPathLocalized?: string;
    docs: DocMetadata[];
  }[];
};
type BlogContent = { blogPosts?: { metadata: DocMetadata }[] };

/**
 * Lists every doc and blog route of this locale's build, with its source file, permalink, title, version,
 * locale and the heading anchors of the built page, into `<outDir>/docent-manifest.json` for the indexer.
 * Drafts and unlisted pages are left out.
 */
export async function writeManifest(
  props: Props,
  /** Told about a route whose built page is not in the build (it is left out of the manifest). */
  onMissing: (permalink: string) => void = () => {},
): Promise<Manifest> {
  const { siteDir, outDir, siteConfig, i18n, plugins } = props;
  const locale = i18n.currentLocale;
  const entries: { route: Omit<ManifestRoute, 'headings'> }[] = [];
  for (const plugin of plugins as LoadedPlugin[]) {
    if (plugin.name === 'docusaurus-plugin-content-docs') {
      for (const version of (plugin.content as DocsContent).loadedVersions ?? []) {
        for (const doc of version.docs) {
          if (doc.unlisted || doc.draft) continue;
          const sourcePath = siteRelative(siteDir, doc.source);
          entries.push({
            route: {
              sourcePath,
              contentPath: contentRelative(siteDir, sourcePath, [
                version.contentPathLocalized,
                version.contentPath,
              ]),
              permalink: doc.permalink,
              title: doc.title,
              ...(doc.description ? { description: doc.description } : {}),
              kind: 'doc',
              version: version.versionName,
              locale,
            },
          });
        }
      }
    }
    if (plugin.name === 'docusaurus-plugin-content-blog') {
      for (const { metadata } of (plugin.content as BlogContent).blogPosts ?? []) {
        if (metadata.unlisted || metadata.draft) continue;
        const sourcePath = siteRelative(siteDir, metadata.source);
        entries.push({
          route: {
            sourcePath,
            contentPath: sourcePath,
            permalink: metadata.permalink,
            title: metadata.title,
            ...(metadata.description ? { description: metadata.description } : {}),
            kind: 'blog',
            version: 'current',
            locale,
          },
        });
      }
    }
  }
  const routes: ManifestRoute[] = [];
  for (const { route } of entries) {
    const headings = await pageHeadings(outDir, route.permalink, siteConfig.baseUrl);
    if (headings === null) {
      onMissing(route.permalink);
      continue;
    }
    routes.push({ ...route, headings: headings.filter((heading) => heading.depth > 1) });
  }
  const manifest: Manifest = {
    manifestVersion: 1,
    siteUrl: siteConfig.url,
    baseUrl: siteConfig.baseUrl,
    defaultLocale: i18n.defaultLocale,
    locales: i18n.locales,
    routes,
  };
  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
