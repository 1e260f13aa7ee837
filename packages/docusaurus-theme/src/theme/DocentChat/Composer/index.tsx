import Translate, { translate } from '@docusaurus/Translate';
import { type ReactNode, type RefObject, useState } from 'react';
import styles from './styles.module.css';

export type Props = {
  streaming: boolean;
  onSend: (question: string) => void;
  onStop: () => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
};

/** Where the reader types: Enter sends, Shift+Enter adds a line; Stop while an answer streams. */
export default function Composer({ streaming, onSend, onStop, inputRef }: Props): ReactNode {
  const [text, setText] = useState('');
  const send = () => {
    const question = text.trim();
    if (!question || streaming) return;
    onSend(question);
    setText('');
  };
  const label = translate({
    id: 'theme.docent.composer.placeholder',
    message: 'Ask a question about the docs…',
  });
  return (
    <form
      className={styles.composer}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <textarea
        ref={inputRef}
        rows={1}
        value={text}
        maxLength={2000}
        placeholder={label}
        aria-label={label}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
          }
        }}
      />
      {streaming ? (
        <button type="button" className={styles.stop} onClick={onStop}>
          <Translate id="theme.docent.composer.stop">Stop</Translate>
        </button>
      ) : (
        <button type="submit" className={styles.send} disabled={!text.trim()}>
          <Translate id="theme.docent.composer.send">Send</Translate>
        </button>
      )}
    </form>
  );
}
