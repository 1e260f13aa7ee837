import {
  type Block,
  type Inline,
  type StreamedBlocks,
  safeHref,
  streamedBlocks,
} from '@docent/docusaurus-theme/client/answer-markdown';
import type { Source } from '@docent/docusaurus-theme/client/use-chat';
import Link from '@docusaurus/Link';
import CodeBlock from '@theme/CodeBlock';
import { memo, type ReactNode, useRef } from 'react';
import styles from './styles.module.css';

export { safeHref } from '@docent/docusaurus-theme/client/answer-markdown';

export type Props = { text: string; sources: Source[] };

function inline(nodes: Inline[], sources: Source[]): ReactNode[] {
  return nodes.map((node, key) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'code':
        return <code key={key}>{node.text}</code>;
      case 'strong':
        return <strong key={key}>{inline(node.children, sources)}</strong>;
      case 'em':
        return <em key={key}>{inline(node.children, sources)}</em>;
      case 'del':
        return <del key={key}>{inline(node.children, sources)}</del>;
      case 'break':
        return <br key={key} />;
      case 'link':
        return node.href ? (
          <Link key={key} to={node.href}>
            {inline(node.children, sources)}
          </Link>
        ) : (
          <span key={key}>{inline(node.children, sources)}</span>
        );
      case 'citation': {
        const source = sources[node.n - 1];
        const href = source ? safeHref(source.url) : null;
        return href ? (
          <Link
            key={key}
            to={href}
            className={styles.citation}
            title={source!.title}
            aria-label={`source ${node.n}: ${source!.title}`}
          >
            {node.n}
          </Link>
        ) : (
          <span key={key}>[{node.n}]</span>
        );
      }
      default:
        return null;
    }
  });
}

function cells(row: Inline[][], align: Block & { kind: 'table' }, sources: Source[], header: boolean) {
  return row.map((cell, column) => {
    const style = { textAlign: align.align[column] ?? undefined };
    return header ? (
      <th key={column} style={style}>
        {inline(cell, sources)}
      </th>
    ) : (
      <td key={column} style={style}>
        {inline(cell, sources)}
      </td>
    );
  });
}

// Keys are positions throughout (biome.json allows it here): a streamed answer's blocks have no other identity.
function render(blocks: Block[], sources: Source[]): ReactNode[] {
  return blocks.map((block, key) => {
    switch (block.kind) {
      case 'code':
        return (
          <CodeBlock key={key} language={block.lang || undefined} title={block.title}>
            {block.code}
          </CodeBlock>
        );
      case 'heading':
        // Answer headings are section labels inside a message, not page headings.
        return (
          <p key={key} className={styles.heading} data-depth={block.depth}>
            {inline(block.children, sources)}
          </p>
        );
      case 'quote':
        return <blockquote key={key}>{render(block.blocks, sources)}</blockquote>;
      case 'list': {
        const items = block.items.map((item, position) => (
          <li key={position} className={item.checked === undefined ? undefined : styles.task}>
            {item.checked !== undefined && (
              <span className={styles.box} role="img" aria-label={item.checked ? 'done' : 'to do'}>
                {item.checked ? '☑' : '☐'}
              </span>
            )}
            {render(item.blocks, sources)}
          </li>
        ));
        return block.ordered ? (
          <ol key={key} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={key}>{items}</ul>
        );
      }
      case 'table':
        return (
          <div key={key} className={styles.table}>
            <table>
              <thead>
                <tr>{cells(block.header, block, sources, true)}</tr>
              </thead>
              <tbody>
                {block.rows.map((row, index) => (
                  <tr key={index}>{cells(row, block, sources, false)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      case 'rule':
        return <hr key={key} />;
      default:
        return <p key={key}>{inline(block.children, sources)}</p>;
    }
  });
}

/** One block; a closed block keeps its object while the answer streams, so it is not rendered again. */
const BlockView = memo(function BlockView({ block, sources }: { block: Block; sources: Source[] }) {
  return <>{render([block], sources)}</>;
});

/**
 * Renders an answer's markdown (CommonMark + GFM) as React elements: text is escaped by React and no HTML is
 * ever parsed or injected; code blocks go through Docusaurus's own `CodeBlock`. While the answer streams,
 * only the block being written is read and rendered again (`streamedBlocks`).
 */
export default function Markdown({ text, sources }: Props): ReactNode {
  const read = useRef<StreamedBlocks | null>(null);
  read.current = streamedBlocks(text, read.current);
  return (
    <div className={styles.markdown}>
      {read.current.blocks.map((block, key) => (
        <BlockView key={key} block={block} sources={sources} />
      ))}
    </div>
  );
}
