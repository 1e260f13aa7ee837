import type { MarkdownNode } from './markdown-node.js';

export type TextContext = {
  /** Blocks of a partial (`_file.mdx`) imported under this component name, to inline where it is used. */
  partial?: (componentName: string) => MarkdownNode[] | null;
};

export const ADMONITION_TITLES: Record<string, string> = {
  note: 'Note',
  tip: 'Tip',
  info: 'Info',
  warning: 'Warning',
  caution: 'Caution',
  danger: 'Danger',
  important: 'Important',
  details: 'Details',
};

/** Readable text of inline content: code kept in backticks, links as their text, JSX unwrapped. */
export function inlineText(nodes: readonly MarkdownNode[] = []): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return node.value ?? '';
        case 'inlineMath':
          return `$${node.value ?? ''}$`;
        case 'inlineCode':
          return `\`${node.value ?? ''}\``;
        case 'break':
          return '\n';
        case 'image':
          return (node as { alt?: string }).alt ?? '';
        case 'html':
          return stripHtml(node.value ?? '');
        case 'mdxTextExpression':
        case 'footnoteReference':
        case 'textDirective':
          return node.type === 'textDirective' ? inlineText(node.children) : '';
        default:
          return inlineText(node.children);
      }
    })
    .join('');
}

export function stripHtml(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, '')
    .trim();
}

/**
 * Docusaurus renders a ```` ```mdx-code-block ```` fence as MDX, mostly to open or close a `<Tabs>` around
 * code: keep a tab's label and any prose, drop imports and tags.
 */
export function mdxCodeBlockText(value: string): string {
  return value
    .replace(/^\s*(import|export)\s.*$/gm, '')
    .replace(/<TabItem\b[^>]*?\blabel=(["'])(.*?)\1[^>]*>/g, '$2:')
    .replace(/<\/?[A-Za-z][\w.]*\b[^>]*>/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Fences code with enough backticks that fences inside it (markdown examples) stay inside. */
export function fenced(code: string, info: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`{3,}/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${code}\n${fence}`;
}

/** A code block's `title="file.js"` meta, which names the file the code belongs in. */
function codeTitle(node: MarkdownNode): string {
  const title = /title=(["'])(.*?)\1/.exec(String(node.meta ?? ''));
  return title ? ` title="${title[2]}"` : '';
}

export function attribute(node: MarkdownNode, name: string): string | undefined {
  const found = node.attributes?.find((item) => item.type === 'mdxJsxAttribute' && item.name === name);
  return typeof found?.value === 'string' ? found.value : undefined;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? line : `${' '.repeat(prefix.length)}${line}`))
    .join('\n');
}

/**
 * Readable text of one block node. Imports, exports and `{expressions}` are dropped; JSX components are
 * unwrapped to their text (a `TabItem` keeps its label, an admonition its kind and title); tables become
 * one "Header: value; ..." line per row; code blocks stay fenced with their language.
 */
export function blockText(node: MarkdownNode, context: TextContext = {}): string {
  const children = () => blocksText(node.children ?? [], context);
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(node.children).trim();
    case 'code':
      if (node.lang === 'mdx-code-block') return mdxCodeBlockText(node.value ?? '');
      return fenced(node.value ?? '', `${node.lang ?? ''}${codeTitle(node)}`);
    case 'math':
      return `$$\n${node.value ?? ''}\n$$`;
    case 'list':
      return (node.children ?? [])
        .map((item, index) => {
          const marker = node.ordered ? `${(node.start ?? 1) + index}. ` : '- ';
          return `${marker}${indent(blocksText(item.children ?? [], context), marker)}`;
        })
        .join('\n');
    case 'table': {
      const [header, ...rows] = (node.children ?? []).map((row) =>
        (row.children ?? []).map((cell) => inlineText(cell.children).trim()),
      );
      if (!header) return '';
      if (rows.length === 0) return header.join(' | ');
      return rows
        .map((cells) =>
          cells
            .map((cell, column) => (header[column] ? `${header[column]}: ${cell}` : cell))
            .filter((cell) => cell.trim() !== '')
            .join('; '),
        )
        .join('\n');
    }
    case 'blockquote':
      return children()
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'containerDirective': {
      const [label, ...rest] = node.children ?? [];
      const hasLabel = label?.data?.directiveLabel === true;
      const title = hasLabel ? inlineText(label!.children).trim() : '';
      const body = blocksText(hasLabel ? rest : (node.children ?? []), context);
      const kind = ADMONITION_TITLES[node.name ?? ''];
      if (!kind) return title ? `${title}\n${body}` : body;
      return `${kind}${title ? `: ${title}` : ':'}\n${body}`;
    }
    case 'leafDirective':
      return inlineText(node.children).trim();
    case 'mdxJsxFlowElement': {
      const name = node.name ?? '';
      const inlined = context.partial?.(name);
      if (inlined) return blocksText(inlined, context);
      const label = name === 'TabItem' ? (attribute(node, 'label') ?? attribute(node, 'value')) : undefined;
      const admonition = name === 'Admonition' ? ADMONITION_TITLES[attribute(node, 'type') ?? ''] : undefined;
      const title = attribute(node, 'title');
      const body = children();
      const heading = label ?? (admonition ? `${admonition}${title ? `: ${title}` : ':'}` : undefined);
      return heading ? `${heading}\n${body}` : body;
    }
    case 'html':
      return stripHtml(node.value ?? '');
    case 'mdxjsEsm':
    case 'mdxFlowExpression':
    case 'yaml':
    case 'toml':
    case 'definition':
    case 'thematicBreak':
    case 'footnoteDefinition':
      return '';
    default:
      return node.children ? children() : (node.value ?? '');
  }
}

/** Text of a run of blocks, separated by blank lines. */
export function blocksText(nodes: readonly MarkdownNode[], context: TextContext = {}): string {
  return nodes
    .map((node) => blockText(node, context))
    .filter((text) => text.trim() !== '')
    .join('\n\n');
}
