import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { applyTrailingSlash, isPartialPath, type MarkdownFormat } from '@docent/markdown';
import { DEFAULT_LOCALE, DEFAULT_VERSION } from '@docent/protocol';
import type { SourceFile } from './chunk-source-file.js';
import { docRoute } from './doc-route.js';

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
      .map((entry) => (entry.isDirectory() ? walk(join(folder, entry.name)) : [join(folder, entry.name)])),
  );
  return files.flat();
}

export type FolderFiles = { files: SourceFile[]; partials: string[] };

export type FolderOptions = {
  baseUrl: string;
  locale?: string;
  version?: string;
  /** How `.md` files are parsed (Docusaurus's `markdown.format`); unset: by extension (`detect`). */
  markdownFormat?: MarkdownFormat;
  /** What `@site/…` imports name (Docusaurus's site folder). */
  siteDir?: string;
  /** Docusaurus's `trailingSlash`: true adds a slash to page URLs, false removes it, unset leaves them. */
  trailingSlash?: boolean;
};

/**
 * Every markdown/MDX page of a folder, with URLs derived the way Docusaurus does (its `trailingSlash`
 * applied by Docusaurus's own `applyTrailingSlash`). Partials (`_file.mdx`) are not pages: they are indexed
 * where a page includes them, and listed so the summary can say so.
 */
export async function folderFiles(docsDir: string, options: FolderOptions): Promise<FolderFiles> {
  const link = (url: string) =>
    applyTrailingSlash(url, { trailingSlash: options.trailingSlash, baseUrl: '/' });
  const all = (await walk(docsDir)).filter((path) => /\.mdx?$/i.test(path)).sort();
  const files: SourceFile[] = [];
  const partials: string[] = [];
  for (const absolutePath of all) {
    const sourcePath = relative(docsDir, absolutePath).split(sep).join('/');
    if (isPartialPath(sourcePath)) {
      partials.push(sourcePath);
      continue;
    }
    files.push({
      absolutePath,
      root: docsDir,
      sourcePath,
      locale: options.locale ?? DEFAULT_LOCALE,
      version: options.version ?? DEFAULT_VERSION,
      pageUrl: (frontMatter) => link(docRoute(sourcePath, frontMatter, options.baseUrl)),
      ...(options.markdownFormat ? { markdownFormat: options.markdownFormat } : {}),
      ...(options.siteDir ? { siteDir: options.siteDir } : {}),
    });
  }
  return { files, partials };
}
