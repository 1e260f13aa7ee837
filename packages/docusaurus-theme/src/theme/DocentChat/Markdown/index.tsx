import Link from '@docusaurus/Link';
import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';
import { blocks, safeHref } from '../markdownBlocks.js';
import type { Source } from '../useChat.js';
import styles from './styles.module.css';

export { safeHref } from '../markdownBlocks.js';

export type Props = { text: string; sources: Source[] };

const INLINE =
  /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([^*]+)\*\*|(?<![\w*])\*([^*\s][^*]*)\*(?!\w)|(?<!\w)_([^_\s][^_]*)_(?!\w)|\[([^\]\n]+)\]\(([^)\s]+)\)|\[(\d{1,3})\]/g;

/** Plain text as CommonMark reads it: a backslash before ASCII punctuation (the service writes `\<`) is dropped. */
const unescaped = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');

function inline(text: string, sources: Source[], key: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  let index = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index! > last) nodes.push(unescaped(text.slice(last, match.index)));
    const id = `${key}-${index++}`;
    if (match[2] !== undefined) nodes.push(<code key={id}>{match[2]}</code>);
    else if (match[3] !== undefined) nodes.push(<strong key={id}>{inline(match[3], sources, id)}</strong>);
    else if (match[4] !== undefined || match[5] !== undefined)
      nodes.push(<em key={id}>{inline((match[4] ?? match[5])!, sources, id)}</em>);
    else if (match[6] !== undefined) {
      const href = safeHref(match[7]!);
      nodes.push(
        href ? (
          <Link key={id} to={href}>
            {inline(match[6], sources, id)}
          </Link>
        ) : (
          <span key={id}>{match[6]}</span>
        ),
      );
    } else {
      const n = Number(match[8]);
      const source = sources[n - 1];
      const href = source ? safeHref(source.url) : null;
      nodes.push(
        href ? (
          <Link
            key={id}
            to={href}
            className={styles.citation}
            title={source!.title}
            aria-label={`source ${n}: ${source!.title}`}
          >
            {n}
          </Link>
        ) : (
          <span key={id}>[{n}]</span>
        ),
      );
    }
    last = match.index! + match[0].length;
  }
  if (last < text.length) nodes.push(unescaped(text.slice(last)));
  return nodes;
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
            return (
              <p key={key} className={styles.heading}>
                {inline(block.text, sources, key)}
              </p>
            );
          case 'quote':
            return <blockquote key={key}>{inline(block.text, sources, key)}</blockquote>;
          case 'list': {
            const items = block.items.map((item, position) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity beyond their place in the text.
              <li key={`${key}-${position}`}>{inline(item, sources, `${key}-${position}`)}</li>
            ));
            return block.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
          }
          default:
            return <p key={key}>{inline(block.text, sources, key)}</p>;
        }
      })}
    </div>
  );
}
