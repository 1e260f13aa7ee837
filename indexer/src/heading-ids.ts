import GithubSlugger from 'github-slugger';
import { toString as nodeText } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { inlineText } from './block-text.js';
import type { MarkdownNode } from './markdown-node.js';

export type HeadingInfo = {
  /** The heading as a reader sees it, inline code in backticks (for breadcrumbs). */
  text: string;
  id: string;
  explicit: boolean;
};

const EXPLICIT_ID = /\s*\{#([^{}]+)\}\s*$/;

/**
 * Gives every heading its anchor exactly as Docusaurus does: an explicit `{#custom-id}` as written,
 * otherwise github-slugger over the heading's text, numbered on repeats within the page. The `{#id}`
 * is taken off the heading's text.
 */
export function assignHeadingIds(tree: MarkdownNode): Map<MarkdownNode, HeadingInfo> {
  const slugger = new GithubSlugger();
  const headings = new Map<MarkdownNode, HeadingInfo>();
  visit(tree as never, 'heading', (node: MarkdownNode) => {
    const last = node.children?.at(-1);
    let explicitId: string | undefined;
    if (last?.type === 'text' && last.value) {
      const match = EXPLICIT_ID.exec(last.value);
      if (match) {
        explicitId = match[1]!.trim();
        last.value = last.value.slice(0, match.index);
      }
    }
    // Docusaurus slugs the heading's text without raw HTML (e.g. VitePress badges).
    const withoutHtml = (node.children ?? []).filter((child) => child.type !== 'html');
    const slugText = nodeText({ type: 'root', children: withoutHtml } as never).trim();
    headings.set(node, {
      text: inlineText(withoutHtml).replace(/\s+/g, ' ').trim(),
      id: explicitId ?? slugger.slug(slugText),
      explicit: explicitId !== undefined,
    });
  });
  return headings;
}
