/** Pure markdown helpers for the widget: no React, no Docusaurus, so they are unit-tested directly. */

/** Only web links and site paths are followed; anything else (javascript:, data:, //host) stays text. */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  // Backslashes and control characters: browsers "fix" `/\evil.example` into `https://evil.example`.
  if (/[\\\p{Cc}]/u.test(trimmed)) return null;
  if (/^https?:\/\//i.test(trimmed)) return trimmed;
  if (/^\/(?!\/)/.test(trimmed) || trimmed.startsWith('#')) return trimmed;
  return null;
}

export type Block =
  | { kind: 'code'; lang: string; title?: string; code: string }
  | { kind: 'heading' | 'paragraph' | 'quote'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] };

/** Splits markdown into blocks: fenced code, headings, lists, quotes and paragraphs. No raw HTML, ever. */
export function blocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const found: Block[] = [];
  let paragraph: string[] = [];
  let afterBlank = false;
  const flush = () => {
    if (paragraph.length > 0) found.push({ kind: 'paragraph', text: paragraph.join('\n') });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(`{3,}|~{3,})\s*([\w+-]*)(.*)$/.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      while (++i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) code.push(lines[i]!);
      const title = /title=["']([^"']+)["']/.exec(fence[3] ?? '')?.[1];
      found.push({ kind: 'code', lang: fence[2] ?? '', code: code.join('\n'), ...(title ? { title } : {}) });
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const item = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      found.push({ kind: 'heading', text: heading[1]! });
    } else if (item) {
      flush();
      const ordered = /\d/.test(item[1]!);
      const previous = found.at(-1);
      if (previous?.kind === 'list' && previous.ordered === ordered) previous.items.push(item[2]!);
      else found.push({ kind: 'list', ordered, items: [item[2]!] });
    } else if (line.startsWith('>')) {
      flush();
      const previous = found.at(-1);
      const text = line.replace(/^>\s?/, '');
      if (previous?.kind === 'quote') previous.text += `\n${text}`;
      else found.push({ kind: 'quote', text });
    } else if (line.trim() === '') {
      flush();
      afterBlank = true;
      continue;
    } else if (
      found.at(-1)?.kind === 'list' &&
      paragraph.length === 0 &&
      (!afterBlank || /^\s+/.test(line))
    ) {
      // A wrapped or indented line continues the list item above it.
      const list = found.at(-1) as { items: string[] };
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      paragraph.push(line);
    }
    afterBlank = false;
  }
  flush();
  return found;
}
