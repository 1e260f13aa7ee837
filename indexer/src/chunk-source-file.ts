import { basename, dirname, extname } from 'node:path';
import type { MarkdownNode } from '@docent/markdown';
import { type MarkdownFormat, parseMarkdown, partialResolver, readFileWithin } from '@docent/markdown';
import type { Chunk } from '@docent/protocol';
import { pageChunks } from './page-chunks.js';
import { pageSections } from './page-sections.js';

export type SourceFile = {
  absolutePath: string;
  /** The folder the page and its partials must stay in once symlinks are resolved (the docs or site folder). */
  root?: string;
  /** Path relative to the docs root: what chunks call `sourcePath`. */
  sourcePath: string;
  locale: string;
  version: string;
  /** The page URL: fixed (Docusaurus mode, from the manifest) or derived from front matter (folder mode). */
  pageUrl: string | ((frontMatter: Record<string, unknown>) => string);
  /** Anchors the built page has (Docusaurus mode); chunks never point at others. */
  knownAnchors?: Set<string>;
  /** The site's `markdown.format` (unset: by extension, as `detect`). */
  markdownFormat?: MarkdownFormat;
  /** The site folder, what `@site/…` imports of partials name. */
  siteDir?: string;
};

export type SourceFileResult =
  | { status: 'indexed'; chunks: Chunk[]; warnings: string[] }
  | { status: 'skipped'; reason: string };

/** Reads, parses and chunks one page. Throws `MarkdownError` (with line and column) on a syntax error. */
export async function chunkSourceFile(
  file: SourceFile,
  options: { maxTokens?: number; partialCache: Map<string, MarkdownNode[]>; source?: string },
): Promise<SourceFileResult> {
  const source = options.source ?? readFileWithin(file.absolutePath, file.root ?? dirname(file.absolutePath));
  const parsed = parseMarkdown(source, extname(file.absolutePath), file.markdownFormat);
  if (parsed.frontMatter.draft === true) return { status: 'skipped', reason: 'draft' };
  if (parsed.frontMatter.unlisted === true) return { status: 'skipped', reason: 'unlisted' };
  const fallbackTitle = basename(file.sourcePath).replace(/\.mdx?$/i, '');
  const partialWarnings: string[] = [];
  const page = pageSections(parsed, fallbackTitle, {
    partial: partialResolver(
      parsed.tree,
      file.absolutePath,
      options.partialCache,
      (path, error) =>
        partialWarnings.push(
          `${file.sourcePath}: the partial ${basename(path)} could not be read (${error.message.split('\n')[0]}); left out`,
        ),
      {
        ...(file.siteDir ? { siteDir: file.siteDir } : {}),
        ...(file.markdownFormat ? { markdownFormat: file.markdownFormat } : {}),
        ...(file.root ? { root: file.root } : {}),
      },
    ),
  });
  const pageUrl = typeof file.pageUrl === 'string' ? file.pageUrl : file.pageUrl(parsed.frontMatter);
  const { chunks, warnings } = pageChunks(
    page,
    { sourcePath: file.sourcePath, pageUrl, locale: file.locale, version: file.version },
    {
      ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
      ...(file.knownAnchors ? { knownAnchors: file.knownAnchors } : {}),
    },
  );
  return { status: 'indexed', chunks, warnings: [...partialWarnings, ...warnings] };
}
