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
 * Stands in for the dialog while its chunk loads: what the reader types meanwhile is kept for the dialog's
 * box (`onType`) instead of going to the page, and Escape closes.
 */
function TypeAhead({
  onType,
  onClose,
}: {
  onType: (update: (text: string) => string) => void;
  onClose: () => void;
}): null {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing) return;
      // AltGr (Ctrl+Alt on Windows) types characters; other modified keys are shortcuts.
      if (event.metaKey || ((event.ctrlKey || event.altKey) && !event.getModifierState('AltGraph'))) return;
      if (event.key === 'Escape') onClose();
      else if (event.key === 'Backspace') onType((text) => text.slice(0, -1));
      // Array.from, not a spread: a loose transpile turns [...key] into [key].
      else if (Array.from(event.key).length === 1) onType((text) => text + event.key);
      // Enter and the arrows belong to the dialog's list, which is not there yet: not to the page's button.
      else if (!/^(Enter|Arrow(Up|Down))$/.test(event.key)) return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onType, onClose]);
  return null;
}

/**
 * Docent's search box in the navbar (`@theme/SearchBar` when `themeConfig.docent.search.enabled`): a button
 * that opens the search dialog, also on Ctrl/Cmd+K and `/`. The dialog's code is its own chunk, fetched on
 * first open (or on hover/focus of the button), so a page's first load adds only this button; keys typed
 * while it loads are kept for its box.
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
        // Already open (its code still loading): a second click or Enter keeps what was typed.
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
        <Suspense fallback={open ? <TypeAhead onType={setInitial} onClose={hide} /> : null}>
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
