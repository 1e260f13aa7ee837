import { useDocentConfig } from '@docent/docusaurus-theme/client/docent-config';
import { closeOnBackdropPress, keepFocusInside } from '@docent/docusaurus-theme/client/focus-trap';
import Translate, { translate } from '@docusaurus/Translate';
import type { Props as ModalProps } from '@theme/DocentSearch/Modal';
import { type ComponentType, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import styles from './styles.module.css';

type ModalComponent = ComponentType<ModalProps>;
/** The dialog once its chunk has loaded (kept for the page's life: every search box on it shares it). */
let loadedModal: ModalComponent | null = null;
const loadModal = async (): Promise<ModalComponent> => {
  loadedModal ??= (await import('@theme/DocentSearch/Modal')).default;
  return loadedModal;
};

/** Whether a key press lands in something the reader is typing into (where `/` is just a slash). */
function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(
    element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName ?? '')),
  );
}

/** Where the caret (or selection) of a field is, [start, end]. */
const caret = (field: HTMLInputElement): [number, number] => [
  field.selectionStart ?? field.value.length,
  field.selectionEnd ?? field.value.length,
];

/**
 * Stands in for the dialog while its chunk loads: a focused search field, so what the reader types meanwhile
 * (an input method's composed text, AltGr, a paste, a phone's keyboard) lands in a real input and goes on in
 * the dialog's box (`onType`), with the caret or selection where the reader left it (`onSelect`). While an
 * input method composes (`onComposing`), the dialog waits: the field is not swapped under an open
 * composition. Escape or a click outside closes; Tab stays inside.
 */
function StandIn({
  text,
  onType,
  onSelect,
  onComposing,
  onClose,
}: {
  text: string;
  onType: (text: string) => void;
  onSelect: (selection: [number, number]) => void;
  onComposing: (composing: boolean) => void;
  onClose: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => () => onComposing(false), [onComposing]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop closes (Escape does too).
    <div className={styles.standIn} onMouseDown={closeOnBackdropPress(onClose)}>
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-label={translate({ id: 'theme.docent.search.dialog', message: 'Search the docs' })}
        aria-busy="true"
        className={styles.standInBox}
        onKeyDown={(event) => keepFocusInside(event, box.current)}
      >
        <input
          // biome-ignore lint/a11y/noAutofocus: the reader opened the search to type in it.
          autoFocus
          className={styles.standInInput}
          type="search"
          aria-label={translate({ id: 'theme.docent.search.input', message: 'Search' })}
          placeholder={translate({ id: 'theme.docent.search.placeholder', message: 'Search the docs' })}
          value={text}
          onChange={(event) => {
            onType(event.target.value);
            onSelect(caret(event.target));
          }}
          onSelect={(event) => onSelect(caret(event.currentTarget))}
          onCompositionStart={() => onComposing(true)}
          onCompositionEnd={(event) => {
            onType(event.currentTarget.value);
            onSelect(caret(event.currentTarget));
            onComposing(false);
          }}
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
  const [Modal, setModal] = useState<ModalComponent | null>(() => loadedModal);
  const [composing, setComposing] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const [initial, setInitial] = useState('');
  const [selection, setSelection] = useState<[number, number] | undefined>(undefined);

  const load = useCallback(() => {
    // A chunk that fails to load (offline) leaves the stand-in, which Escape closes; the next open retries.
    loadModal().then(
      (component) => setModal(() => component),
      () => {},
    );
  }, []);
  const show = useCallback(() => {
    setInitial('');
    setSelection(undefined);
    load();
    setOpen(true);
  }, [load]);
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

  // Until the dialog's chunk is here, and while an input method composes in the stand-in's field.
  const standIn = open && (Modal === null || composing);
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
        onMouseEnter={load}
        onFocus={load}
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
      {standIn && (
        <StandIn
          text={initial}
          onType={setInitial}
          onSelect={setSelection}
          onComposing={setComposing}
          onClose={hide}
        />
      )}
      {Modal && !standIn && (
        <Modal
          open={open}
          initialQuery={initial}
          {...(selection ? { initialSelection: selection } : {})}
          onClose={hide}
          maxRecentSearches={config.search.maxRecentSearches}
        />
      )}
    </>
  );
}
