import { safeHref } from '@docent/docusaurus-theme/client/answer-markdown';
import type { Source } from '@docent/docusaurus-theme/client/use-chat';
import Link from '@docusaurus/Link';
import { translate } from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import styles from './styles.module.css';

export type Props = { sources: Source[] };

/** The sections an answer came from, as numbered chips linking to `page#heading`. */
export default function Sources({ sources }: Props): ReactNode {
  if (sources.length === 0) return null;
  return (
    <nav
      className={styles.sources}
      aria-label={translate({ id: 'theme.docent.sources.label', message: 'Sources' })}
    >
      {sources.map((source, index) => {
        const href = safeHref(source.url);
        const label = (
          <>
            <span className={styles.number}>{index + 1}</span>
            <span className={styles.title}>{source.title}</span>
          </>
        );
        return href ? (
          <Link key={source.url} to={href} className={styles.chip} title={source.title} data-docent-source="">
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
