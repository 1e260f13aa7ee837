import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE_NAME, type Manifest, manifestSchema, parseWith } from '@docent/protocol';
import type { SourceFile } from './chunk-source-file.js';

/** A problem with the site folder or its manifest, with what to do about it. */
export class SiteError extends Error {
  override name = 'SiteError';
}

/**
 * Reads `build/docent-manifest.json` (written by `@docent/docusaurus-theme` at postBuild) and returns one
 * source file per doc and blog route, with the route's permalink and the anchors the built page has.
 */
export async function manifestFiles(siteDir: string): Promise<{ files: SourceFile[]; manifest: Manifest }> {
  const path = join(siteDir, 'build', MANIFEST_FILE_NAME);
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    throw new SiteError(
      `No ${MANIFEST_FILE_NAME} in ${join(siteDir, 'build')}. Add '@docent/docusaurus-theme' to the site's themes and run \`docusaurus build\` first (or index a plain folder with --docs <dir> --base-url <url>).`,
    );
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
  const manifest = parsed.data;
  const files = manifest.routes.map(
    (route): SourceFile => ({
      absolutePath: join(siteDir, route.sourcePath),
      sourcePath: route.contentPath,
      locale: route.locale,
      version: route.version,
      pageUrl: route.permalink,
      knownAnchors: new Set(route.headings.map((heading) => heading.id)),
    }),
  );
  return { files, manifest };
}
