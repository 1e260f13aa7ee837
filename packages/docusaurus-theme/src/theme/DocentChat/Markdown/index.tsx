import Link from '@docusaurus/Link';
import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';
import type { Source } from '../useChat.js';
import styles from './styles.module.css';

export type Props = { text: string; sources: Source[] };

/** Only web links and site paths are followed; anything else (javascript:, data:, //host) stays text. */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  if (/^https?:\/\//i.test(trimmed)) return trimmed;
  if (/^\/(?!\/)/.test(trimmed) || trimmed.startsWith('#')) return trimmed;
  return null;
}

const INLINE = /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([^*]+)\*\*|(?<![\w*])\*([^*\s][^*]*)\*(?!\w)|(?<!\w)_([^_\s][^_]*)_(?!\w)|\[([^\]\n]+)\]\(([^)\s]+)\)|\[(\d{1,3})\]/g;

function inline(text: string, sources: Source[], key: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  let index = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index! > last) nodes.push(text.slice(last, match.index));
    const id = `${key}-${index++}`;
    if (match[2] !== undefined) nodes.push(<code key={id}>{match[2]}</code>);
    else if (match[3] !== undefined) nodes.push(<strong key={id}>{inline(match[3], sources, id)}</strong>);
    else if (match[4] !== undefined || match[5] !== undefined) nodes.push(<em key={id}>{inline((match[4] ?? match[5])!, sources, id)}</em>);
    else if (match[6] !== undefined) {
      const href = safeHref(match[7]!);
      nodes.push(href ? <Link key={id} to={href}>{inline(match[6], sources, id)}</Link> : <span key={id}>{match[6]}</span>);
    } else {
      const n = Number(match[8]);
      const source = sources[n - 1];
      const href = source ? safeHref(source.url) : null;
      nodes.push(
        href ? (
          <Link key={id} to={href} className={styles.citation} title={source!.title} aria-label={`source ${n}: ${source!.title}`}>
            {n}
          </Link>
        ) : (
          <span key={id}>[{n}]</span>
        ),
      );
    }
    last = match.index! + match[0].length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

type Block =
  | { kind: 'code'; lang: string; title?: string; code: string }
  | { kind: 'heading' | 'paragraph' | 'quote'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] };

/** Splits markdown into blocks: fenced code, headings, lists, quotes and paragraphs. No raw HTML, ever. */
export function blocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const found: Block[] = [];
  let paragraph: string[] = [];
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
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return found;
}

/** Renders an answer's markdown as React elements (text is escaped by React; no HTML is parsed). */
export default function Markdown({ text, sources }: Props): ReactNode {
  return (
    <div className={styles.markdown}>
      {blocks(text).map((block, index) => {
        const key = `b${index}`;
        switch (block.kind) {
          case 'code':
            return (
              <CodeBlock key={key} language={block.lang || undefined} title={block.title}>
                {block.code}
              </CodeBlock>
            );
          case 'heading':
            return <p key={key} className={styles.heading}>{inline(block.text, sources, key)}</p>;
          case 'quote':
            return <blockquote key={key}>{inline(block.text, sources, key)}</blockquote>;
          case 'list': {
            const items = block.items.map((item, position) => <li key={`${key}-${position}`}>{inline(item, sources, `${key}-${position}`)}</li>);
            return block.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
          }
          default:
            return <p key={key}>{inline(block.text, sources, key)}</p>;
        }
      })}
    </div>
  );
}
