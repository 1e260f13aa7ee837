import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BLOG_VERSION,
  MANIFEST_DIR,
  MANIFEST_FILE_NAME,
  type Manifest,
  manifestSchema,
  parseWith,
} from '@docent/protocol';
import type { SourceFile } from './chunk-source-file.js';

/** A problem with the site folder or its manifest, with what to do about it. */
export class SiteError extends Error {
  override name = 'SiteError';
}

async function readManifest(path: string, hint: string): Promise<Manifest> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    throw new SiteError(`No ${MANIFEST_FILE_NAME} at ${path}. ${hint}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new SiteError(`${path} is not valid JSON: rebuild the site with \`docusaurus build\`.`);
  }
  const parsed = parseWith(manifestSchema, json);
  if (!parsed.success) {
    throw new SiteError(
      `${path} is not a Docent manifest this indexer reads (${parsed.error}): update @docent/docusaurus-theme and @docent/indexer together.`,
    );
  }
  return parsed.data;
}

/**
 * Where a site's manifests are: `.docusaurus/docent/` (theme 0.2 on, never published), else `build/` (the
 * place earlier themes wrote them).
 */
export function manifestFolder(siteDir: string): string {
  const generated = join(siteDir, MANIFEST_DIR);
  const legacy = join(siteDir, 'build');
  return existsSync(join(generated, MANIFEST_FILE_NAME)) || !existsSync(join(legacy, MANIFEST_FILE_NAME))
    ? generated
    : legacy;
}

/**
 * Reads the manifest `@docent/docusaurus-theme` writes at postBuild (`.docusaurus/docent/docent-manifest.json`)
 * and the manifest of every other locale (`.docusaurus/docent/<locale>/docent-manifest.json`), and returns
 * one source file per doc and blog route, with the route's permalink, the anchors the built page has and how
 * Docusaurus parses it. Blog posts get the version `BLOG_VERSION`: the blog is never a docs version.
 */
export async function manifestFiles(
  siteDir: string,
): Promise<{ files: SourceFile[]; manifests: Manifest[]; notes: string[] }> {
  const build = manifestFolder(siteDir);
  const main = await readManifest(
    join(build, MANIFEST_FILE_NAME),
    `Add '@docent/docusaurus-theme' to the site's themes and run \`docusaurus build\` first (or index a plain folder with --docs <dir> --base-url <url>).`,
  );
  const manifests = [main];
  const notes: string[] = [];
  for (const locale of main.locales.filter((locale) => locale !== main.defaultLocale)) {
    const path = join(build, locale, MANIFEST_FILE_NAME);
    const other = await readManifest(path, '').catch((error: Error) => error);
    if (!(other instanceof Error)) manifests.push(other);
    else
      notes.push(
        other.message.startsWith(`No ${MANIFEST_FILE_NAME}`)
          ? `locale ${locale}: no ${join(locale, MANIFEST_FILE_NAME)} in the build (was it built?); not indexed`
          : `locale ${locale}: not indexed: ${other.message}`,
      );
  }
  const files = manifests.flatMap((manifest) =>
    manifest.routes.map(
      (route): SourceFile => ({
        absolutePath: join(siteDir, route.sourcePath),
        root: siteDir,
        sourcePath: route.contentPath,
        locale: route.locale,
        version: route.kind === 'blog' ? BLOG_VERSION : route.version,
        pageUrl: route.permalink,
        knownAnchors: new Set(route.headings.map((heading) => heading.id)),
        siteDir,
        // Manifests from before 0.2 do not say: Docusaurus 3's default.
        markdownFormat: manifest.markdownFormat ?? 'mdx',
      }),
    ),
  );
  return { files, manifests, notes };
}
