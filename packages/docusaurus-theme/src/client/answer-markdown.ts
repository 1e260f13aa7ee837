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

/** The page's own origin in a browser (the site the widget is on); none elsewhere. */
function pageOrigin(): string | null {
  return (globalThis as { location?: { origin?: string } }).location?.origin ?? null;
}

/**
 * Only links to the site are followed: its paths (`/docs/x`, `#top`) and absolute web links on `siteOrigin`
 * (the page's own origin by default). Anything else stays text: other hosts (including what GFM autolinks,
 * `https://evil.example` or `www.evil.example`), `javascript:`, `data:`, `//host`, `/\host`.
 */
export function safeHref(url: string, siteOrigin: string | null = pageOrigin()): string | null {
  const trimmed = url.trim();
  // Backslashes and control characters: browsers "fix" `/\evil.example` into `https://evil.example`.
  if (/[\\\p{Cc}]/u.test(trimmed)) return null;
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      return siteOrigin !== null && new URL(trimmed).origin === siteOrigin ? trimmed : null;
    } catch {
      return null;
    }
  }
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

/** What `streamedBlocks` keeps between deltas: the closed blocks and how much of the text they cover. */
export type StreamedBlocks = { prefix: string; closed: Block[]; blocks: Block[] };

/**
 * Reads a streamed answer incrementally: the blocks already closed (followed by a blank line and a new
 * top-level block that is not a list) are kept from `previous`, with the same objects, and only the text from
 * the block being written on is read again. Gives the same blocks as `answerBlocks` on the whole text.
 */
export function streamedBlocks(markdown: string, previous: StreamedBlocks | null): StreamedBlocks {
  const reuse = previous !== null && markdown.startsWith(previous.prefix);
  const prefix = reuse ? previous.prefix : '';
  const closed = reuse ? previous.closed : [];
  const rest = markdown.slice(prefix.length);
  let tokens: Token[];
  try {
    tokens = new Lexer({ gfm: true, breaks: false }).lex(rest);
  } catch {
    return { prefix: '', closed: [], blocks: answerBlocks(markdown) };
  }
  let end = 0;
  const starts = tokens.map((token) => {
    const start = end;
    end += token.raw.length;
    return start;
  });
  // Offsets hold only when the tokens cover the text exactly; otherwise nothing more is kept.
  let boundary = 0;
  if (end === rest.length) {
    for (let index = tokens.length - 1; index >= 1; index--) {
      const token = tokens[index]!;
      if (tokens[index - 1]!.type === 'space' && token.type !== 'list' && /^\S/.test(token.raw)) {
        boundary = index;
        break;
      }
    }
  }
  const nowClosed = boundary > 0 ? [...closed, ...blocks(tokens.slice(0, boundary))] : closed;
  return {
    prefix: markdown.slice(0, prefix.length + (boundary > 0 ? starts[boundary]! : 0)),
    closed: nowClosed,
    blocks: [...nowClosed, ...blocks(tokens.slice(boundary))],
  };
}
