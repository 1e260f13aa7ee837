import type { ChatMessage } from '@docent/docusaurus-theme/client/use-chat';
import Translate from '@docusaurus/Translate';
import Message from '@theme/DocentChat/Message';
import { memo, type ReactNode, useEffect, useRef } from 'react';
import styles from './styles.module.css';

export type Props = {
  messages: ChatMessage[];
  greeting: string | null;
  suggestions: string[];
  onAsk: (question: string) => void;
  onRetry: (id: string) => void;
  onFeedback: (id: string, rating: 'up' | 'down', reason?: string) => void;
};

/**
 * A message renders again only when it changed: while an answer streams, the messages before it (new objects
 * only when they change) are left alone, so each token re-renders and re-parses one message, not all.
 */
const StableMessage = memo(Message);

/** The conversation, announced to screen readers as it streams, with suggestions when it is empty. */
export default function MessageList({
  messages,
  greeting,
  suggestions,
  onAsk,
  onRetry,
  onFeedback,
}: Props): ReactNode {
  const end = useRef<HTMLDivElement>(null);
  const last = messages.at(-1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll as the last answer grows.
  useEffect(() => {
    // A block body on purpose: newer browsers return a Promise from scrollIntoView, and an effect must not.
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length, last?.text.length, last?.sources.length]);
  return (
    <div className={styles.list} role="log" aria-live="polite" aria-relevant="additions text">
      {messages.length === 0 && (
        <div className={styles.empty}>
          <p>
            {greeting ?? (
              <Translate id="theme.docent.greeting">
                Ask anything about these docs. Answers link to the sections they come from.
              </Translate>
            )}
          </p>
          {suggestions.length > 0 && (
            <ul className={styles.suggestions}>
              {suggestions.map((suggestion) => (
                <li key={suggestion}>
                  <button type="button" onClick={() => onAsk(suggestion)}>
                    {suggestion}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {messages.map((message) => (
        <StableMessage key={message.id} message={message} onRetry={onRetry} onFeedback={onFeedback} />
      ))}
      <div ref={end} />
    </div>
  );
}
