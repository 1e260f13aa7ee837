import { useDocentConfig } from '@docent/docusaurus-theme/client/docent-config';
import { keepFocusInside } from '@docent/docusaurus-theme/client/focus-trap';
import { useChat } from '@docent/docusaurus-theme/client/use-chat';
import Translate, { translate } from '@docusaurus/Translate';
import { ColorModeProvider } from '@docusaurus/theme-common/internal';
import type { PanelRequest } from '@theme/DocentChat';
import Composer from '@theme/DocentChat/Composer';
import MessageList from '@theme/DocentChat/MessageList';
import clsx from 'clsx';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import styles from './styles.module.css';

export type Props = {
  open: boolean;
  onClose: () => void;
  /** A question to ask as soon as the panel opens ("Ask about this"). */
  request: PanelRequest | null;
  position: 'bottom-right' | 'bottom-left';
};

/**
 * The chat dialog: loaded on first open, kept mounted afterwards so a streaming answer survives closing.
 * It lives in `@theme/Root`, outside each page's layout providers, so it brings its own colour-mode
 * provider (kept in step with the navbar's toggle through Docusaurus's storage events) for `CodeBlock`.
 */
export default function Panel(props: Props): ReactNode {
  return (
    <ColorModeProvider>
      <PanelDialog {...props} />
    </ColorModeProvider>
  );
}

function PanelDialog({ open, onClose, request, position }: Props): ReactNode {
  const config = useDocentConfig();
  const chat = useChat();
  const dialog = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const handled = useRef<number | null>(null);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  useEffect(() => {
    if (!request || handled.current === request.nonce) return;
    handled.current = request.nonce;
    const question =
      request.question ||
      translate({ id: 'theme.docent.selection.question', message: 'What does this passage mean?' });
    void chat.ask(question, {
      ...(request.selection ? { selection: request.selection } : {}),
      ...(request.results ? { results: request.results } : {}),
    });
  }, [request, chat.ask]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    keepFocusInside(event, dialog.current);
  };

  return (
    <div
      ref={dialog}
      className={clsx(styles.panel, position === 'bottom-left' && styles.left)}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      hidden={!open}
      onKeyDown={onKeyDown}
      data-docent-panel=""
    >
      <header className={styles.header}>
        <h2 id={titleId} className={styles.title}>
          <Translate id="theme.docent.panel.title">Ask the docs</Translate>
        </h2>
        {chat.messages.length > 0 && (
          <button type="button" className={styles.headerButton} onClick={chat.clear}>
            <Translate id="theme.docent.panel.clear">Clear</Translate>
          </button>
        )}
        <button
          type="button"
          className={styles.headerButton}
          onClick={onClose}
          aria-label={translate({ id: 'theme.docent.panel.close', message: 'Close the chat' })}
        >
          ✕
        </button>
      </header>
      <MessageList
        messages={chat.messages}
        greeting={config.greeting}
        suggestions={config.suggestedQuestions}
        onAsk={(question) => void chat.ask(question)}
        onRetry={chat.retry}
        onFeedback={chat.sendFeedback}
      />
      <Composer
        streaming={chat.streaming}
        onSend={(question) => void chat.ask(question)}
        onStop={chat.stop}
        inputRef={input}
      />
      <p className={styles.footnote}>
        <Translate id="theme.docent.panel.footnote">
          Answers come from these docs and may be incomplete. Check the linked sections.
        </Translate>
      </p>
    </div>
  );
}
