import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type { MarkdownNode } from './markdown-node.js';
import { type MarkdownFormat, parseMarkdown } from './parse-markdown.js';
import { readFileWithin } from './read-within.js';

const IMPORT_DEFAULT = /import\s+(\w+)\s+from\s+['"]([^'"]+)['"]/g;
const MARKDOWN_FILE = /\.(mdx?|markdown)$/i;

/** Whether a file is a partial by Docusaurus's convention (its name, or a folder of it, starts with `_`). */
export function isPartialPath(relativePath: string): boolean {
  return relativePath.split('/').some((segment) => segment.startsWith('_'));
}

export type PartialOptions = {
  /** The site folder, what `@site/…` imports name (unset: such imports are reported as not resolved). */
  siteDir?: string;
  /** The site's `markdown.format`, for partials as for pages. */
  markdownFormat?: MarkdownFormat;
  /**
   * The folder no partial imported by a relative path may be read from outside (`../../elsewhere/_x.mdx`, or
   * a symlink out of it); an `@site/…` import stays inside `siteDir`.
   */
  root?: string;
};

/**
 * The file a markdown import names, resolved as Docusaurus's webpack aliases and Node resolve it:
 * `@site/x.mdx` from the site folder, `./x.mdx` and `../x.mdx` from the importing file. Null for any
 * other specifier (a package or another alias), which the indexer cannot read.
 */
function importedFile(specifier: string, from: string, siteDir: string | undefined): string | null {
  if (specifier.startsWith('@site/')) return siteDir ? join(siteDir, specifier.slice('@site/'.length)) : null;
  if (specifier.startsWith('./') || specifier.startsWith('../')) return resolve(dirname(from), specifier);
  return null;
}

/** An imported file and the folder it must be read from. */
type Imported = { path: string; within: string };

/** The markdown files a page or partial imports, by component name. Unresolvable ones are reported. */
function markdownImports(
  tree: MarkdownNode,
  filePath: string,
  options: PartialOptions,
  onError: (partialPath: string, error: Error) => void,
): Map<string, Imported> {
  const imports = new Map<string, Imported>();
  for (const node of tree.children ?? []) {
    if (node.type !== 'mdxjsEsm' || !node.value) continue;
    for (const match of node.value.matchAll(IMPORT_DEFAULT)) {
      const specifier = match[2]!;
      if (!MARKDOWN_FILE.test(specifier)) continue;
      const path = importedFile(specifier, filePath, options.siteDir);
      if (path === null || !existsSync(path)) {
        onError(
          specifier,
          new Error(
            path === null
              ? `${specifier} is not a path the indexer can resolve (use @site/…, ./ or ../)`
              : `no file at ${path}`,
          ),
        );
        continue;
      }
      imports.set(match[1]!, {
        path,
        within: specifier.startsWith('@site/') ? options.siteDir! : (options.root ?? '/'),
      });
    }
  }
  return imports;
}

/** Replaces, anywhere in `blocks`, each `<Name />` of an imported partial by that partial's blocks. */
function inlineImports(
  blocks: MarkdownNode[],
  expand: (name: string) => MarkdownNode[] | null,
): MarkdownNode[] {
  return blocks.flatMap((node) => {
    if (node.type === 'mdxJsxFlowElement' && node.name) {
      const inlined = expand(node.name);
      if (inlined) return inlined;
    }
    return node.children ? [{ ...node, children: inlineImports(node.children, expand) }] : [node];
  });
}

/**
 * Finds the markdown imports of a page (`import Shared from '@site/_partials/shared.mdx'`, `./_x.mdx`,
 * `../_x.mdx`) and returns a resolver that gives a partial's blocks where `<Name />` is used, so partials
 * are indexed where they are included. A partial's own imports are inlined in it the same way (nested
 * partials), except one that would include itself again (a cycle), which is left out and reported. An
 * import that cannot be resolved or read is reported through `onError` and left out.
 */
export function partialResolver(
  tree: MarkdownNode,
  filePath: string,
  cache: Map<string, MarkdownNode[]>,
  /** Told when a partial cannot be resolved, read or parsed (it is then left out where it is used). */
  onError: (partialPath: string, error: Error) => void = () => {},
  options: PartialOptions = {},
): (name: string) => MarkdownNode[] | null {
  const load = ({ path, within }: Imported, including: string[]): MarkdownNode[] => {
    const cached = cache.get(path);
    if (cached) return cached;
    let blocks: MarkdownNode[];
    try {
      const parsed = parseMarkdown(readFileWithin(path, within), extname(path), options.markdownFormat);
      const own = markdownImports(parsed.tree, path, options, onError);
      const content = (parsed.tree.children ?? []).filter(
        (node) => node.type !== 'yaml' && node.type !== 'mdxjsEsm',
      );
      blocks = inlineImports(content, (name) => {
        const nested = own.get(name);
        if (!nested) return null;
        if (including.includes(nested.path) || nested.path === path) {
          onError(nested.path, new Error(`it includes itself through ${[...including, path].join(' → ')}`));
          return [];
        }
        return load(nested, [...including, path]);
      });
    } catch (error) {
      onError(path, error as Error);
      blocks = [];
    }
    cache.set(path, blocks);
    return blocks;
  };
  const imports = markdownImports(tree, filePath, options, onError);
  return (name) => {
    const imported = imports.get(name);
    return imported ? load(imported, [filePath]) : null;
  };
}
