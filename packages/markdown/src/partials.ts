import { dirname, extname, resolve } from 'node:path';
import type { MarkdownNode } from './markdown-node.js';
import { parseMarkdown } from './parse-markdown.js';
import { readFileWithin } from './read-within.js';

const IMPORT_PARTIAL = /import\s+(\w+)\s+from\s+['"]([^'"]+\.mdx?)['"]/g;

/** Whether a file is a partial by Docusaurus's convention (its name, or a folder of it, starts with `_`). */
export function isPartialPath(relativePath: string): boolean {
  return relativePath.split('/').some((segment) => segment.startsWith('_'));
}

/**
 * Finds `import Name from './_partial.mdx'` in a page and returns a resolver that gives the partial's
 * blocks where `<Name />` is used, so partials are indexed where they are included.
 */
export function partialResolver(
  tree: MarkdownNode,
  filePath: string,
  cache: Map<string, MarkdownNode[]>,
  /** Told when a partial cannot be read or parsed (it is then left out where it is used). */
  onError: (partialPath: string, error: Error) => void = () => {},
  /** The site's folder: a partial outside it (`../../elsewhere/_x.mdx`, or a symlink) is never read. */
  root?: string,
): (name: string) => MarkdownNode[] | null {
  const imports = new Map<string, string>();
  for (const node of tree.children ?? []) {
    if (node.type !== 'mdxjsEsm' || !node.value) continue;
    for (const match of node.value.matchAll(IMPORT_PARTIAL)) {
      imports.set(match[1]!, resolve(dirname(filePath), match[2]!));
    }
  }
  return (name) => {
    const path = imports.get(name);
    if (!path) return null;
    let blocks = cache.get(path);
    if (!blocks) {
      try {
        const source = readFileWithin(path, root ?? '/');
        const parsed = parseMarkdown(source, extname(path));
        blocks = (parsed.tree.children ?? []).filter(
          (node) => node.type !== 'yaml' && node.type !== 'mdxjsEsm',
        );
      } catch (error) {
        onError(path, error as Error);
        blocks = [];
      }
      cache.set(path, blocks);
    }
    return blocks;
  };
}
