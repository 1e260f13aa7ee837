import Translate, { translate } from '@docusaurus/Translate';
import clsx from 'clsx';
import { forwardRef, type ReactNode } from 'react';
import styles from './styles.module.css';

export type Props = {
  open: boolean;
  onOpen: () => void;
  /** Called on hover or focus, so the panel's code is fetched before the click. */
  onPreload: () => void;
  position: 'bottom-right' | 'bottom-left';
  label: string | null;
  shortcut: string | false;
};

/** The round "Ask the docs" button fixed in a corner of every page. */
const Launcher = forwardRef<HTMLButtonElement, Props>(function Launcher(
  { open, onOpen, onPreload, position, label, shortcut },
  ref,
): ReactNode {
  // 'auto' is announced as mod+I, the combination that works on every page.
  const keys = shortcut === 'auto' ? 'mod+i' : shortcut;
  const text =
    label ??
    translate({
      id: 'theme.docent.launcher.label',
      message: 'Ask the docs',
      description: 'Label of the button that opens the Docent chat',
    });
  return (
    <button
      ref={ref}
      type="button"
      className={clsx(styles.launcher, position === 'bottom-left' && styles.left, open && styles.hidden)}
      aria-haspopup="dialog"
      aria-expanded={open}
      aria-keyshortcuts={
        keys ? keys.replace(/^mod\+/i, 'Control+').replace(/\b\w/g, (c) => c.toUpperCase()) : undefined
      }
      title={keys ? `${text} (${keys.replace(/^mod/i, 'Ctrl/⌘').toUpperCase()})` : text}
      onClick={onOpen}
      onMouseEnter={onPreload}
      onFocus={onPreload}
      data-docent-launcher=""
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
        <path
          fill="currentColor"
          d="M12 3C6.5 3 2 6.6 2 11c0 2.2 1.1 4.2 3 5.6V21l4.1-2.3c.9.2 1.9.3 2.9.3 5.5 0 10-3.6 10-8s-4.5-8-10-8zm-4 9.2a1.2 1.2 0 110-2.4 1.2 1.2 0 010 2.4zm4 0a1.2 1.2 0 110-2.4 1.2 1.2 0 010 2.4zm4 0a1.2 1.2 0 110-2.4 1.2 1.2 0 010 2.4z"
        />
      </svg>
      <span className={styles.label}>
        {label ?? <Translate id="theme.docent.launcher.label">Ask the docs</Translate>}
      </span>
    </button>
  );
});

export default Launcher;
