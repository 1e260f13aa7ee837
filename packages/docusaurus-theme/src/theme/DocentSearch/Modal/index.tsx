import { askTheDocs } from '@docent/docusaurus-theme/client/ask-the-docs';
import { closeOnBackdropPress, keepFocusInside } from '@docent/docusaurus-theme/client/focus-trap';
import { markPassageAfterNavigation } from '@docent/docusaurus-theme/client/mark-passage';
import {
  clearRecentSearches,
  readRecentSearches,
  rememberSearch,
} from '@docent/docusaurus-theme/client/recent-searches';
import { MarkedSnippet, type SearchRow, searchRows } from '@docent/docusaurus-theme/client/search-rows';
import { useSearch } from '@docent/docusaurus-theme/client/use-search';
import type { SearchPage } from '@docent/protocol';
import { useHistory } from '@docusaurus/router';
import Translate, { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import clsx from 'clsx';
import { type ReactNode, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import styles from './styles.module.css';

export type Props = {
  open: boolean;
  /** The box's text on opening: what the reader typed while the dialog's code loaded ('' otherwise). */
  initialQuery: string;
  /** The caret (or selection) in `initialQuery` as the reader left it, [start, end]; its end by default. */
  initialSelection?: [number, number];
  onClose: () => void;
  maxRecentSearches: number;
};

/** The `version` of blog posts in search results (`BLOG_VERSION` of `@docent/protocol`; not imported, so the
 * dialog's chunk does not carry the protocol's schemas). */
const BLOG_VERSION = '/blog';

/**
 * The search dialog: results as the reader types, grouped by page; recent searches when the box is empty;
 * always last, "Ask the docs: ‹query›", which hands the query (and the sections shown) to the chat. Arrow
 * keys move, Enter opens, Escape closes; on a phone it fills the screen.
 */
export default function SearchModal({
  open,
  initialQuery,
  initialSelection,
  onClose,
  maxRecentSearches,
}: Props): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  const history = useHistory();
  const [query, setQuery] = useState(initialQuery);
  const [active, setActive] = useState(0);
  const [recent, setRecent] = useState<string[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const { result, loading, error } = useSearch(query);
  const id = useId();

  // A layout effect: the box has the focus before the next key event, which would otherwise reach the page
  // when the dialog replaces its loading stand-in between two keystrokes.
  useLayoutEffect(() => {
    if (!open) return;
    // Each opening starts afresh: an empty box shows the recent searches.
    setQuery(initialQuery);
    setRecent(maxRecentSearches > 0 ? readRecentSearches(siteConfig.baseUrl) : []);
    input.current?.focus();
    // Text typed while the dialog loaded goes on where the reader left the caret (its end by default).
    const length = initialQuery.length;
    const [start, end] = (initialSelection ?? [length, length]).map((at) =>
      Math.min(Math.max(at, 0), length),
    );
    input.current?.setSelectionRange(start!, end!);
  }, [open, initialQuery, initialSelection, siteConfig.baseUrl, maxRecentSearches]);

  const pages: SearchPage[] = query.trim() && result ? result.pages : [];
  const blogLabel = translate({ id: 'theme.docent.search.blog', message: 'Blog' });
  const rows = useMemo(() => searchRows(query, pages, recent), [query, pages, recent]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query or result list starts at the first row.
  useEffect(() => setActive(0), [rows.length, query]);

  if (!open) return null;

  const choose = (row: SearchRow) => {
    if (row.kind === 'recent') {
      setQuery(row.query);
      input.current?.focus();
      return;
    }
    if (maxRecentSearches > 0) rememberSearch(siteConfig.baseUrl, query, maxRecentSearches);
    onClose();
    if (row.kind === 'ask') {
      askTheDocs({
        question: row.query,
        results: rows.flatMap((other) => (other.kind === 'result' ? [other.url] : [])),
      });
      return;
    }
    markPassageAfterNavigation(row.url, row.snippet, query);
    history.push(row.url);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    // On a button (Clear, Close), Enter and the arrows are the button's; Escape and Tab stay the dialog's.
    if (event.target !== input.current && event.key !== 'Escape' && event.key !== 'Tab') return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (rows.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + rows.length) % rows.length);
    } else if (event.key === 'Enter' && rows[active]) {
      event.preventDefault();
      choose(rows[active]);
    } else {
      // Tab reaches the dialog's buttons (Clear, Close) and stays in the dialog; arrows move through results.
      keepFocusInside(event, dialog.current);
    }
  };

  const optionId = (index: number) => `${id}-option-${index}`;
  let index = -1;
  const option = (row: SearchRow, content: ReactNode, extra?: string) => {
    index++;
    const at = index;
    return (
      // The options are not focusable: focus stays in the box, which names the active one
      // (`aria-activedescendant`) and handles the keys; a click chooses too.
      // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox handles the keys (see above).
      // biome-ignore lint/a11y/useFocusableInteractive: see above.
      <div
        key={`${row.kind}-${'url' in row ? row.url : row.query}`}
        id={optionId(at)}
        role="option"
        aria-selected={active === at}
        className={clsx(styles.option, active === at && styles.active, extra)}
        onMouseMove={() => setActive(at)}
        onClick={() => choose(row)}
        data-docent-search-row={row.kind}
        data-url={row.kind === 'result' ? row.url : undefined}
      >
        {content}
      </div>
    );
  };
  const status = error
    ? error
    : loading && !result
      ? translate({ id: 'theme.docent.search.loading', message: 'Searching…' })
      : query.trim() && result && result.pages.length === 0
        ? translate({
            id: 'theme.docent.search.noResults',
            message: 'No sections match. Ask the docs instead?',
          })
        : '';

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop closes the dialog (Escape does too).
    <div className={styles.backdrop} onMouseDown={closeOnBackdropPress(onClose)}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label={translate({ id: 'theme.docent.search.dialog', message: 'Search the docs' })}
        ref={dialog}
        className={styles.dialog}
        onKeyDown={onKeyDown}
        data-docent-search-dialog=""
      >
        <div className={styles.bar}>
          <input
            ref={input}
            className={styles.input}
            type="search"
            role="combobox"
            aria-expanded={rows.length > 0}
            aria-controls={`${id}-list`}
            aria-activedescendant={rows[active] ? optionId(active) : undefined}
            aria-autocomplete="list"
            aria-label={translate({ id: 'theme.docent.search.input', message: 'Search' })}
            placeholder={translate({ id: 'theme.docent.search.placeholder', message: 'Search the docs' })}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
          />
          <button type="button" className={styles.close} onClick={onClose}>
            <Translate id="theme.docent.search.close">Close</Translate>
          </button>
        </div>
        <div className={styles.status} role="status" aria-live="polite">
          {status}
        </div>
        {query.trim() === '' && recent.length > 0 && (
          <div className={styles.recentHeader}>
            <span>
              <Translate id="theme.docent.search.recent">Recent searches</Translate>
            </span>
            <button
              type="button"
              className={styles.clear}
              onClick={() => {
                clearRecentSearches(siteConfig.baseUrl);
                setRecent([]);
                input.current?.focus();
              }}
            >
              <Translate id="theme.docent.search.clearRecent">Clear</Translate>
            </button>
          </div>
        )}
        <div
          id={`${id}-list`}
          role="listbox"
          className={styles.list}
          aria-label={translate({ id: 'theme.docent.search.results', message: 'Results' })}
        >
          {query.trim() === '' &&
            rows.map((row) =>
              option(row, <span className={styles.heading}>{'query' in row ? row.query : ''}</span>),
            )}
          {pages.map((page) => (
            <div key={page.url} role="presentation" className={styles.group}>
              <div className={styles.page} aria-hidden="true">
                {page.version === BLOG_VERSION && <span className={styles.kind}>{blogLabel}</span>}
                {page.title}
              </div>
              {/* biome-ignore lint/a11y/useSemanticElements: an ARIA listbox group, not a form fieldset. */}
              <div
                role="group"
                aria-label={page.version === BLOG_VERSION ? `${blogLabel}: ${page.title}` : page.title}
                className={styles.sections}
              >
                {page.sections.map((section) =>
                  option(
                    {
                      kind: 'result',
                      url: section.url,
                      snippet: section.snippet,
                      heading: section.heading,
                      page: page.title,
                    },
                    <>
                      <span className={styles.heading}>
                        {section.breadcrumb.slice(1).join(' › ') || section.heading}
                      </span>
                      <span className={styles.snippet}>
                        <MarkedSnippet snippet={section.snippet} />
                      </span>
                    </>,
                  ),
                )}
              </div>
            </div>
          ))}
          {query.trim() !== '' &&
            option(
              { kind: 'ask', query: query.trim() },
              <span className={styles.heading}>
                {translate(
                  { id: 'theme.docent.search.ask', message: 'Ask the docs: {query}' },
                  { query: query.trim() },
                )}
              </span>,
              styles.ask,
            )}
        </div>
      </div>
    </div>
  );
}
