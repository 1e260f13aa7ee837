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

/** Docusaurus's classic `{#id}` (`parseMarkdownHeadingId` in `@docusaurus/utils`), on the heading's whole text. */
const CLASSIC_ID = /\s*\{#(?<id>(?:.(?!\{#|\}))*.)\}$/;
/** The MDX-compatible form the Docusaurus v4 future flags use: `## Heading {/* #custom-id *\/}`. */
const COMMENT_ID = /\s*\{\/\*\s*#([^*{}]+?)\s*\*\/\}\s*$/;
const COMMENT_EXPRESSION = /^\s*\/\*\s*#([^*]+?)\s*\*\/\s*$/;

/**
 * The classic `{#id}` of a heading, found and taken off as Docusaurus's heading plugin does: matched on the
 * text of the whole heading (so `{#A.__call__}`, whose underscores markdown reads as strong emphasis, gives
 * `A.call`, as on the built page), then removed from the last text node when it is there.
 */
function classicId(node: MarkdownNode): string | undefined {
  const children = (node.children ?? []).filter((child) => child.type !== 'html');
  const match = CLASSIC_ID.exec(nodeText({ type: 'root', children } as never));
  if (!match) return undefined;
  const last = node.children!.at(-1)!;
  if (node.children!.length === 1) last.value = last.value!.replace(match[0], '');
  else {
    const own = CLASSIC_ID.exec(last.value!);
    const rest = own ? last.value!.replace(own[0], '') : last.value!;
    if (rest) last.value = rest;
    else node.children!.pop();
  }
  return match.groups!.id!.trim();
}

/**
 * Gives every heading its anchor exactly as Docusaurus does: an explicit `{#custom-id}` (or
 * `{/* #custom-id *\/}`) as written,
 * otherwise github-slugger over the heading's text, numbered on repeats within the page. The `{#id}`
 * is taken off the heading's text.
 */
export function assignHeadingIds(tree: MarkdownNode): Map<MarkdownNode, HeadingInfo> {
  const slugger = new GithubSlugger();
  const headings = new Map<MarkdownNode, HeadingInfo>();
  visit(tree as never, 'heading', (node: MarkdownNode) => {
    const last = node.children?.at(-1);
    let explicitId: string | undefined;
    const comment = last?.type === 'text' && last.value ? COMMENT_ID.exec(last.value) : null;
    if (comment && last) {
      explicitId = comment[1]!.trim();
      last.value = last.value!.slice(0, comment.index);
    } else if (last?.type === 'text' && last.value !== undefined) {
      explicitId = classicId(node);
    } else if (last?.type === 'mdxTextExpression' && last.value !== undefined) {
      // In MDX the comment form is an expression node at the end of the heading.
      const match = COMMENT_EXPRESSION.exec(last.value);
      if (match) {
        explicitId = match[1]!.trim();
        node.children = node.children!.slice(0, -1);
        const previous = node.children.at(-1);
        if (previous?.type === 'text' && previous.value) previous.value = previous.value.trimEnd();
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
