import type { MarkdownNode, ParsedMarkdown } from '@docent/markdown';
import { assignHeadingIds, blockText, type TextContext } from '@docent/markdown';

/** A block's readable text; code blocks also keep their source and fence info for splitting. */
export type Block = { text: string; code: boolean; source?: string; info?: string };

export type Section = {
  /** Heading texts from the page title down to this section's own heading. */
  headings: string[];
  /** The section's anchor id, or null for the top of the page (before the first heading). */
  anchor: string | null;
  /** Anchors of the ancestors, nearest last (used when an anchor must fall back). */
  ancestorAnchors: string[];
  blocks: Block[];
};

export type PageContent = {
  title: string;
  description?: string;
  keywords: string[];
  sections: Section[];
  /** Every heading anchor on the page, in document order. */
  anchors: string[];
};

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

/**
 * Splits a parsed page into sections by heading. The page title comes from front matter `title`, else a
 * leading `# h1`, else the fallback; a leading h1 is the title, not a section.
 */
export function pageSections(
  parsed: ParsedMarkdown,
  fallbackTitle: string,
  context: TextContext = {},
): PageContent {
  const headingInfo = assignHeadingIds(parsed.tree);
  const frontTitle = typeof parsed.frontMatter.title === 'string' ? parsed.frontMatter.title : undefined;
  const nodes = (parsed.tree.children ?? []).filter((node) => node.type !== 'yaml');
  const firstContent = nodes.find((node) => node.type !== 'mdxjsEsm');
  const leadingH1 = firstContent?.type === 'heading' && firstContent.depth === 1 ? firstContent : undefined;
  const title = frontTitle ?? (leadingH1 ? headingInfo.get(leadingH1)!.text : fallbackTitle);

  const top: Section = { headings: [title], anchor: null, ancestorAnchors: [], blocks: [] };
  const sections: Section[] = [top];
  const stack: { depth: number; text: string; id: string }[] = [];
  let current = top;
  for (const node of nodes) {
    if (node === leadingH1) continue;
    if (node.type === 'heading') {
      const info = headingInfo.get(node)!;
      const depth = node.depth ?? 2;
      while (stack.length > 0 && stack.at(-1)!.depth >= depth) stack.pop();
      current = {
        headings: [title, ...stack.map((entry) => entry.text), info.text],
        anchor: info.id,
        ancestorAnchors: stack.map((entry) => entry.id),
        blocks: [],
      };
      stack.push({ depth, text: info.text, id: info.id });
      sections.push(current);
      continue;
    }
    const text = blockText(node as MarkdownNode, context);
    if (text.trim() === '') continue;
    const isCode = node.type === 'code' && node.lang !== 'mdx-code-block';
    const info = text.slice(0, text.indexOf('\n')).replace(/^`+/, '');
    current.blocks.push(
      isCode ? { text, code: true, source: node.value ?? '', info } : { text, code: false },
    );
  }
  const description =
    typeof parsed.frontMatter.description === 'string' ? parsed.frontMatter.description : undefined;
  return {
    title,
    ...(description ? { description } : {}),
    keywords: stringList(parsed.frontMatter.keywords),
    sections,
    anchors: [...headingInfo.values()].map((info) => info.id),
  };
}
