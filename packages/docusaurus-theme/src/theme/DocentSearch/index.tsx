import { useDocentConfig } from '@docent/docusaurus-theme/client/docent-config';
import Translate, { translate } from '@docusaurus/Translate';
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import styles from './styles.module.css';

const loadModal = () => import('@theme/DocentSearch/Modal');
const Modal = lazy(loadModal);

/** Whether a key press lands in something the reader is typing into (where `/` is just a slash). */
function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(
    element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName ?? '')),
  );
}

/**
 * Stands in for the dialog while its chunk loads: a focused search field, so what the reader types meanwhile
 * (an input method's composed text, AltGr, a paste, a phone's keyboard) lands in a real input and goes on in
 * the dialog's box (`onType`); Escape or a click outside closes.
 */
function StandIn({
  text,
  onType,
  onClose,
}: {
  text: string;
  onType: (text: string) => void;
  onClose: () => void;
}) {
  const label = translate({ id: 'theme.docent.search.dialog', message: 'Search the docs' });
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop closes (Escape does too).
    <div
      className={styles.standIn}
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div role="dialog" aria-modal="true" aria-label={label} aria-busy="true" className={styles.standInBox}>
        <input
          // biome-ignore lint/a11y/noAutofocus: the reader opened the search to type in it.
          autoFocus
          className={styles.standInInput}
          type="search"
          aria-label={translate({ id: 'theme.docent.search.input', message: 'Search' })}
          placeholder={label}
          value={text}
          onChange={(event) => onType(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onClose();
            // Enter and the arrows belong to the dialog's list, which is not there yet.
            if (/^(Escape|Enter|Arrow(Up|Down))$/.test(event.key)) event.preventDefault();
          }}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
        />
      </div>
    </div>
  );
}

/**
 * Docent's search box in the navbar (`@theme/SearchBar` when `themeConfig.docent.search.enabled`): a button
 * that opens the search dialog, also on Ctrl/Cmd+K and `/`. The dialog's code is its own chunk, fetched on
 * first open (or on hover/focus of the button), so a page's first load adds only this button; what the reader
 * types while it loads goes into a stand-in field and on in the dialog's box.
 */
export default function DocentSearch(): ReactNode {
  const config = useDocentConfig();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const [initial, setInitial] = useState('');

  const show = useCallback(() => {
    setInitial('');
    setLoaded(true);
    setOpen(true);
  }, []);
  const hide = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const modK = event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey) && !event.altKey;
      const slash = event.key === '/' && !event.metaKey && !event.ctrlKey && !typing(event.target);
      if (!modK && !slash) return;
      event.preventDefault();
      if (open && modK) hide();
      else if (!open) show();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, show, hide]);

  const label = translate({ id: 'theme.docent.search.button', message: 'Search' });
  return (
    <>
      <button
        ref={button}
        type="button"
        className={styles.button}
        aria-label={translate({ id: 'theme.docent.search.buttonLabel', message: 'Search the docs' })}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-keyshortcuts="Control+K Meta+K /"
        onClick={() => open || show()}
        onMouseEnter={() => void loadModal()}
        onFocus={() => void loadModal()}
        data-docent-search=""
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
          <path
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            d="M14.4 14.4 19 19M16.5 8.8A7.7 7.7 0 1 1 1.1 8.8a7.7 7.7 0 0 1 15.4 0Z"
          />
        </svg>
        <span className={styles.text}>{label}</span>
        <kbd className={styles.keys}>
          <Translate id="theme.docent.search.shortcut">Ctrl K</Translate>
        </kbd>
      </button>
      {loaded && (
        <Suspense fallback={open ? <StandIn text={initial} onType={setInitial} onClose={hide} /> : null}>
          <Modal
            open={open}
            initialQuery={initial}
            onClose={hide}
            maxRecentSearches={config.search.maxRecentSearches}
          />
        </Suspense>
      )}
    </>
  );
}
