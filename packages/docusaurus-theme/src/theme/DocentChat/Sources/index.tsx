import { safeHref } from '@docent/docusaurus-theme/client/answer-markdown';
import { citedWords, markPassageAfterNavigation } from '@docent/docusaurus-theme/client/mark-passage';
import { sourceLabel, type TitlePart } from '@docent/docusaurus-theme/client/source-title';
import type { Source } from '@docent/docusaurus-theme/client/use-chat';
import Link from '@docusaurus/Link';
import { translate } from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import styles from './styles.module.css';

const NO_SNIPPET = { text: '', highlights: [] as [number, number][] };

export type Props = {
  sources: Source[];
  /** The answer citing them: a chip marks on the page it opens the words its citing sentences use. */
  answer?: string;
};

function Title({ parts }: { parts: TitlePart[] }): ReactNode {
  return parts.map((part) => {
    // Runs alternate text and code, so position and kind name each run.
    const key = `${part.code ? 'c' : 't'}${part.text}`;
    return part.code ? <code key={key}>{part.text}</code> : <span key={key}>{part.text}</span>;
  });
}

/**
 * The sections an answer came from, as numbered chips linking to `page#heading`: the page's name, then the
 * section's (inline code as code). When a chip is too narrow, the page's name is cut first.
 */
export default function Sources({ sources, answer = '' }: Props): ReactNode {
  if (sources.length === 0) return null;
  return (
    <nav
      className={styles.sources}
      aria-label={translate({ id: 'theme.docent.sources.label', message: 'Sources' })}
    >
      {sources.map((source, index) => {
        const href = safeHref(source.url);
        const { page, section, plain } = sourceLabel(source.title);
        const label = (
          <>
            <span className={styles.number}>{index + 1}</span>
            <span className={styles.page}>
              <Title parts={page} />
            </span>
            {section && (
              <span className={styles.section} data-docent-source-section="">
                <Title parts={section} />
              </span>
            )}
          </>
        );
        return href ? (
          <Link
            key={source.url}
            to={href}
            className={styles.chip}
            title={plain}
            data-docent-source=""
            onClick={() =>
              markPassageAfterNavigation(href, NO_SNIPPET, citedWords(answer, index + 1).join(' '))
            }
          >
            {label}
          </Link>
        ) : (
          <span key={source.url} className={styles.chip}>
            {label}
          </span>
        );
      })}
    </nav>
  );
}
