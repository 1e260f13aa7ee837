import { Lexer, type Token, type Tokens } from 'marked';

/**
 * An answer's markdown as a small tree the panel renders with React: CommonMark + GFM (tables, nested and
 * task lists, headings, strikethrough) read by `marked`'s lexer, which is only ever asked for tokens, never
 * for HTML. Raw HTML comes out as its text; links keep only safe targets; `[n]` becomes a citation.
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong' | 'em' | 'del'; children: Inline[] }
  | { kind: 'link'; href: string | null; children: Inline[] }
  | { kind: 'citation'; n: number }
  | { kind: 'break' };

export type ListItem = { checked?: boolean; blocks: Block[] };

export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'heading'; depth: number; children: Inline[] }
  | { kind: 'code'; lang: string; title?: string; code: string }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | {
      kind: 'table';
      align: ('left' | 'center' | 'right' | null)[];
      header: Inline[][];
      rows: Inline[][][];
    }
  | { kind: 'rule' };

/** Only web links and site paths are followed; anything else (javascript:, data:, //host) stays text. */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  // Backslashes and control characters: browsers "fix" `/\evil.example` into `https://evil.example`.
  if (/[\\\p{Cc}]/u.test(trimmed)) return null;
  if (/^https?:\/\//i.test(trimmed)) return trimmed;
  if (/^\/(?!\/)/.test(trimmed) || trimmed.startsWith('#')) return trimmed;
  return null;
}

const CITATION = /\[(\d{1,3})\]/g;

/** Plain text with `[n]` citations split out. */
function text(value: string): Inline[] {
  const nodes: Inline[] = [];
  let last = 0;
  for (const match of value.matchAll(CITATION)) {
    if (match.index > last) nodes.push({ kind: 'text', text: value.slice(last, match.index) });
    nodes.push({ kind: 'citation', n: Number(match[1]) });
    last = match.index + match[0].length;
  }
  if (last < value.length) nodes.push({ kind: 'text', text: value.slice(last) });
  return nodes;
}

function inline(tokens: readonly Token[] = []): Inline[] {
  return tokens.flatMap((token): Inline[] => {
    switch (token.type) {
      case 'text':
        return (token as Tokens.Text).tokens
          ? inline((token as Tokens.Text).tokens)
          : text((token as Tokens.Text).text);
      case 'escape':
        return [{ kind: 'text', text: (token as Tokens.Escape).text }];
      case 'codespan':
        return [{ kind: 'code', text: (token as Tokens.Codespan).text }];
      case 'strong':
      case 'em':
      case 'del':
        return [{ kind: token.type, children: inline((token as Tokens.Strong).tokens) }];
      case 'link': {
        const link = token as Tokens.Link;
        return [{ kind: 'link', href: safeHref(link.href), children: inline(link.tokens) }];
      }
      case 'image': {
        // Never loaded (an image URL can carry data away): a link to it, named by its alt text.
        const image = token as Tokens.Image;
        return [{ kind: 'link', href: safeHref(image.href), children: text(image.text || image.href) }];
      }
      case 'br':
        return [{ kind: 'break' }];
      default:
        // Raw HTML and anything unknown: the characters the author wrote, as text.
        return text(token.raw);
    }
  });
}

function codeBlock(token: Tokens.Code): Block {
  const [lang = '', ...meta] = (token.lang ?? '').trim().split(/\s+/);
  const title = /title=["']([^"']+)["']/.exec(meta.join(' '))?.[1];
  return {
    kind: 'code',
    lang: /^[\w+#.-]*$/.test(lang) ? lang : '',
    code: token.text,
    ...(title ? { title } : {}),
  };
}

function blocks(tokens: readonly Token[]): Block[] {
  return tokens.flatMap((token): Block[] => {
    switch (token.type) {
      case 'paragraph':
        return [{ kind: 'paragraph', children: inline((token as Tokens.Paragraph).tokens) }];
      case 'text': {
        // A tight list item's text: inline content as a paragraph.
        const item = token as Tokens.Text;
        return [{ kind: 'paragraph', children: item.tokens ? inline(item.tokens) : text(item.text) }];
      }
      case 'heading': {
        const heading = token as Tokens.Heading;
        return [{ kind: 'heading', depth: heading.depth, children: inline(heading.tokens) }];
      }
      case 'code':
        return [codeBlock(token as Tokens.Code)];
      case 'blockquote':
        return [{ kind: 'quote', blocks: blocks((token as Tokens.Blockquote).tokens) }];
      case 'list': {
        const list = token as Tokens.List;
        return [
          {
            kind: 'list',
            ordered: list.ordered,
            start: typeof list.start === 'number' ? list.start : 1,
            items: list.items.map((item) => ({
              ...(item.task ? { checked: item.checked === true } : {}),
              blocks: blocks(item.tokens.filter((child) => child.type !== 'checkbox')),
            })),
          },
        ];
      }
      case 'table': {
        const table = token as Tokens.Table;
        return [
          {
            kind: 'table',
            align: table.align,
            header: table.header.map((cell) => inline(cell.tokens)),
            rows: table.rows.map((row) => row.map((cell) => inline(cell.tokens))),
          },
        ];
      }
      case 'hr':
        return [{ kind: 'rule' }];
      case 'space':
      case 'def':
        return [];
      default:
        return token.raw.trim() ? [{ kind: 'paragraph', children: text(token.raw.trim()) }] : [];
    }
  });
}

/** Reads an answer's markdown (streamed so far or whole) into blocks. Linear in its length; never throws. */
export function answerBlocks(markdown: string): Block[] {
  try {
    return blocks(new Lexer({ gfm: true, breaks: false }).lex(markdown));
  } catch {
    return markdown.trim() ? [{ kind: 'paragraph', children: text(markdown) }] : [];
  }
}
