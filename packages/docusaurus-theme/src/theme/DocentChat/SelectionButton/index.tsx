import Translate from '@docusaurus/Translate';
import { type ReactNode, useEffect, useState } from 'react';
import styles from './styles.module.css';

export type Props = { onAsk: (selection: string) => void };

type Spot = { text: string; top: number; left: number };

/** "Ask about this": a small button next to text the reader selects in the page's article. */
export default function SelectionButton({ onAsk }: Props): ReactNode {
  const [spot, setSpot] = useState<Spot | null>(null);
  useEffect(() => {
    const update = () => {
      const selection = window.getSelection();
      const text = selection?.toString().trim() ?? '';
      const node = selection?.anchorNode;
      const element = node instanceof Element ? node : node?.parentElement;
      if (
        !selection ||
        text.length < 3 ||
        !element?.closest('article, main') ||
        element.closest('[data-docent-panel]')
      ) {
        setSpot(null);
        return;
      }
      const rect = selection.getRangeAt(0).getBoundingClientRect();
      setSpot({
        text: text.slice(0, 2000),
        top: rect.bottom + window.scrollY + 6,
        left: rect.left + window.scrollX,
      });
    };
    document.addEventListener('mouseup', update);
    document.addEventListener('keyup', update);
    return () => {
      document.removeEventListener('mouseup', update);
      document.removeEventListener('keyup', update);
    };
  }, []);
  if (!spot) return null;
  return (
    <button
      type="button"
      className={styles.ask}
      style={{ top: spot.top, left: spot.left }}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        onAsk(spot.text);
        setSpot(null);
      }}
    >
      <Translate id="theme.docent.selection.ask">Ask about this</Translate>
    </button>
  );
}
