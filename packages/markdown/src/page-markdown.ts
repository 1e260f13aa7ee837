import type { Root } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { mathToMarkdown } from 'mdast-util-math';
import { toMarkdown } from 'mdast-util-to-markdown';
import { ADMONITION_TITLES, attribute, inlineText, mdxCodeBlockText, stripHtml } from './block-text.js';
import { assignHeadingIds } from './heading-ids.js';
import type { MarkdownNode } from './markdown-node.js';
import type { ParsedMarkdown } from './parse-markdown.js';

export type PageMarkdownOptions = {
  /** The page's title (front matter `title`, else its leading `# h1`, else this). */
  fallbackTitle: string;
  /** The page's absolute URL, written under the title so a copied page says where it came from. */
  url?: string;
  /**
   * Turns a link or image target as the author wrote it (`./other.md#x`, `/docs/x`, `#x`, `https://…`) into
   * the URL the copy should carry: absolute, so the text still works away from the site. Null when there is
   * no such URL (an image the build renames, a link to a page it cannot find): the text stays, the link goes.
   */
  resolveUrl: (target: string, kind: 'link' | 'image') => string | null;
  /** A line under the title, e.g. a blog post's "Published 2024-05-01 by Ada Lovelace". */
  byline?: string;
  /** Blocks of a partial (`_file.mdx`) imported under this component name, to inline where it is used. */
  partial?: (componentName: string) => MarkdownNode[] | null;
};

type Node = MarkdownNode & { url?: string; alt?: string | null; title?: string | null };

const DROPPED = new Set(['yaml', 'toml', 'mdxjsEsm', 'mdxFlowExpression']);
/** A string literal in braces, e.g. `{'<'}`: MDX's way to write a character it would read as syntax. */
const STRING_EXPRESSION = /^\s*(["'`])((?:(?!\1)[^\\]|\\.)*)\1\s*$/;

function text(value: string): Node {
  return { type: 'text', value };
}

function paragraph(children: Node[]): Node {
  return { type: 'paragraph', children };
}

function strong(value: string): Node {
  return { type: 'strong', children: [text(value)] };
}

/** An admonition as a quote whose first line names its kind: `> **Tip: Title**`. */
function admonition(kind: string, title: string, body: Node[]): Node {
  const heading = paragraph([strong(title ? `${kind}: ${title}` : kind)]);
  return { type: 'blockquote', children: [heading, ...body] };
}

class Flattener {
  constructor(private readonly options: PageMarkdownOptions) {}

  blocks(nodes: readonly Node[]): Node[] {
    return nodes.flatMap((node) => this.block(node));
  }

  inline(nodes: readonly Node[]): Node[] {
    return nodes.flatMap((node) => this.inlineNode(node));
  }

  private block(node: Node): Node[] {
    if (DROPPED.has(node.type)) return [];
    switch (node.type) {
      case 'code':
        if (node.lang === 'mdx-code-block') {
          const value = mdxCodeBlockText(node.value ?? '');
          return value ? [paragraph([text(value)])] : [];
        }
        return [node];
      case 'html': {
        const value = stripHtml(node.value ?? '');
        return value ? [paragraph([text(value)])] : [];
      }
      case 'containerDirective':
        return this.directive(node);
      case 'leafDirective':
        return [paragraph(this.inline(node.children ?? []))];
      case 'mdxJsxFlowElement':
        return this.component(node);
      case 'definition': {
        const url = this.options.resolveUrl(node.url ?? '', 'link');
        return url ? [{ ...node, url }] : [];
      }
      case 'paragraph': {
        const children = this.inline(node.children ?? []);
        return children.length > 0 ? [{ ...node, children }] : [];
      }
      case 'heading':
      case 'tableCell':
        return [{ ...node, children: this.inline(node.children ?? []) }];
      default:
        return node.children ? [{ ...node, children: this.blocks(node.children) }] : [node];
    }
  }

  private inlineNode(node: Node): Node[] {
    switch (node.type) {
      case 'mdxTextExpression': {
        const literal = STRING_EXPRESSION.exec(node.value ?? '');
        return literal ? [text(literal[2]!.replace(/\\(.)/g, '$1'))] : [];
      }
      case 'html': {
        const value = stripHtml(node.value ?? '');
        return value ? [text(value)] : [];
      }
      case 'textDirective':
        return this.inline(node.children ?? []);
      case 'mdxJsxTextElement': {
        const href = attribute(node, 'href') ?? attribute(node, 'to');
        const children = this.inline(node.children ?? []);
        const url =
          href && (node.name === 'a' || node.name === 'Link') ? this.options.resolveUrl(href, 'link') : null;
        if (url) return [{ type: 'link', url, children }];
        if (node.name === 'code' || node.name === 'kbd')
          return [{ type: 'inlineCode', value: inlineValue(children) }];
        return children;
      }
      case 'link': {
        const children = this.inline(node.children ?? []);
        const url = this.options.resolveUrl(node.url ?? '', 'link');
        return url ? [{ ...node, url, children }] : children;
      }
      case 'image': {
        const url = this.options.resolveUrl(node.url ?? '', 'image');
        if (url) return [{ ...node, url }];
        return node.alt ? [text(node.alt)] : [];
      }
      default:
        return node.children ? [{ ...node, children: this.inline(node.children) }] : [node];
    }
  }

  private directive(node: Node): Node[] {
    const [label, ...rest] = node.children ?? [];
    const hasLabel = label?.data?.directiveLabel === true;
    const title = hasLabel ? inlineValue(this.inline(label!.children ?? [])) : '';
    const body = this.blocks(hasLabel ? rest : (node.children ?? []));
    const kind = ADMONITION_TITLES[node.name ?? ''];
    if (kind) return [admonition(kind, title, body)];
    return title ? [paragraph([strong(title)]), ...body] : body;
  }

  /** JSX: partials inlined, tabs and admonitions kept readable, anything else unwrapped to its content. */
  private component(node: Node): Node[] {
    const name = node.name ?? '';
    const inlined = this.options.partial?.(name);
    if (inlined) return this.blocks(inlined);
    const body = () => this.blocks(node.children ?? []);
    switch (name) {
      case 'TabItem': {
        const label = attribute(node, 'label') ?? attribute(node, 'value');
        return label ? [paragraph([strong(label)]), ...body()] : body();
      }
      case 'Admonition': {
        const kind = ADMONITION_TITLES[attribute(node, 'type') ?? ''] ?? 'Note';
        return [admonition(kind, attribute(node, 'title') ?? '', body())];
      }
      case 'details':
      case 'Details': {
        const [summary, ...rest] = node.children ?? [];
        if (summary?.name !== 'summary') return body();
        return [paragraph([strong(inlineValue(this.inline(summary.children ?? [])))]), ...this.blocks(rest)];
      }
      case 'img': {
        const src = attribute(node, 'src');
        const url = src ? this.options.resolveUrl(src, 'image') : null;
        const alt = attribute(node, 'alt') ?? '';
        if (url) return [paragraph([{ type: 'image', url, alt }])];
        return alt ? [paragraph([text(alt)])] : [];
      }
      default:
        return body();
    }
  }
}

/** Plain text of already flattened inline nodes. */
function inlineValue(nodes: readonly Node[]): string {
  return nodes
    .map((node) => (node.children ? inlineValue(node.children) : (node.value ?? node.alt ?? '')))
    .join('')
    .trim();
}

/**
 * A page as clean markdown, for readers that are programs (an IDE agent, a chatbot, `llms-full.txt`): the
 * title as `# h1`, the description as a quote, then the content with imports and expressions dropped, JSX
 * components unwrapped (a tab keeps its label, an admonition becomes a quote headed by its kind), partials
 * inlined, raw HTML reduced to its text, code untouched, and every link and image made absolute.
 */
export function pageMarkdown(parsed: ParsedMarkdown, options: PageMarkdownOptions): string {
  const headings = assignHeadingIds(parsed.tree);
  const nodes = (parsed.tree.children ?? []).filter((node) => !DROPPED.has(node.type));
  const first = nodes[0];
  const leadingH1 = first?.type === 'heading' && first.depth === 1 ? first : undefined;
  const frontTitle = typeof parsed.frontMatter.title === 'string' ? parsed.frontMatter.title : undefined;
  // The page shows its leading h1 when it has one (front matter `title` is then only the tab's title).
  const title = leadingH1 ? headings.get(leadingH1)!.text : (frontTitle ?? options.fallbackTitle);
  const description =
    typeof parsed.frontMatter.description === 'string' ? parsed.frontMatter.description.trim() : '';

  const flattener = new Flattener(options);
  const body = flattener.blocks(nodes.filter((node) => node !== leadingH1));
  const head: Node[] = [{ type: 'heading', depth: 1, children: [text(title)] }];
  if (options.byline) head.push(paragraph([text(options.byline)]));
  if (description) head.push({ type: 'blockquote', children: [paragraph([text(description)])] });
  if (options.url)
    head.push(
      paragraph([text('Source: '), { type: 'link', url: options.url, children: [text(options.url)] }]),
    );
  const root = { type: 'root', children: [...head, ...body] } as unknown as Root;
  return toMarkdown(root, {
    extensions: [gfmToMarkdown(), mathToMarkdown()],
    bullet: '-',
    emphasis: '_',
    rule: '-',
    fences: true,
    listItemIndent: 'one',
  });
}

/**
 * One line that says what a page is about, for `llms.txt`: its front matter `description`, else the first
 * sentences of its first paragraph, up to about 200 characters. Sentences are found by Unicode's sentence
 * boundary rules (UAX #29, through `Intl.Segmenter` for `locale`), so "Version 2.4! This release…" is two
 * sentences, not "Version 2." and "4!".
 */
export function pageSummary(parsed: ParsedMarkdown, locale?: string): string {
  const description = parsed.frontMatter.description;
  if (typeof description === 'string' && description.trim()) return description.replace(/\s+/g, ' ').trim();
  const first = (parsed.tree.children ?? []).find((node) => node.type === 'paragraph');
  const text = first ? inlineText(first.children).replace(/\s+/g, ' ').trim() : '';
  if (text.length <= 200) return text;
  const sentences = [...new Intl.Segmenter(locale, { granularity: 'sentence' }).segment(text)].map(
    (part) => part.segment,
  );
  let summary = '';
  for (const sentence of sentences) {
    if (summary && summary.length + sentence.length > 200) break;
    summary += sentence;
  }
  summary = summary.trim();
  if (summary && summary.length <= 240) return summary;
  const cut = text.slice(0, 200);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 120))}…`;
}
