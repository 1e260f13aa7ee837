/** The name of the CSS highlight (`::highlight(docent-passage)`) that marks a passage on the page. */
const HIGHLIGHT = 'docent-passage';
/** How long to wait for the page a link leads to to render its heading. */
const WAIT_MS = 4000;
const STYLE_ID = 'docent-passage-style';

type HighlightRegistry = { set(name: string, value: unknown): void; delete(name: string): void };
type HighlightConstructor = new (...ranges: Range[]) => unknown;

/**
 * Ranges of the given words (case-insensitive, whole occurrences) in the section that starts at `heading`:
 * the heading's following siblings up to the next heading of the same or a higher level.
 */
export function passageRanges(heading: Element, words: readonly string[]): Range[] {
  // Array.from, not a spread: the site's Babel build may compile spreads loosely (`[].concat(set)`).
  const wanted = Array.from(
    new Set(words.map((word) => word.toLowerCase()).filter((word) => word.length > 0)),
  );
  if (wanted.length === 0) return [];
  const level = /^H([1-6])$/.exec(heading.tagName)?.[1] ?? '6';
  const ranges: Range[] = [];
  // A page title sits alone in its <header>: its section is what follows the header.
  const first = heading.nextElementSibling ?? heading.parentElement?.nextElementSibling ?? null;
  for (let node = first; node; node = node.nextElementSibling) {
    const other = /^H([1-6])$/.exec(node.tagName)?.[1];
    if (other && other <= level) break;
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const value = (text.nodeValue ?? '').toLowerCase();
      for (const word of wanted) {
        for (let at = value.indexOf(word); at >= 0; at = value.indexOf(word, at + word.length)) {
          const range = document.createRange();
          range.setStart(text, at);
          range.setEnd(text, at + word.length);
          ranges.push(range);
        }
      }
    }
  }
  return ranges;
}

/**
 * Marks `words` in the section under `heading`: with the CSS Custom Highlight API where the browser has it
 * (nothing in the page is changed), else by wrapping each in `<mark data-docent-passage>`. Replaces the last
 * passage marked. Returns how many occurrences were marked.
 */
export function markPassage(heading: Element, words: readonly string[]): number {
  const ranges = passageRanges(heading, words);
  const registry = (globalThis.CSS as unknown as { highlights?: HighlightRegistry } | undefined)?.highlights;
  const Highlight = (globalThis as unknown as { Highlight?: HighlightConstructor }).Highlight;
  for (const old of document.querySelectorAll('mark[data-docent-passage]'))
    old.replaceWith(...old.childNodes);
  if (registry && Highlight) {
    if (!document.getElementById(STYLE_ID)) {
      const style = document.createElement('style');
      style.id = STYLE_ID;
      style.textContent = `::highlight(${HIGHLIGHT}){background:var(--ifm-color-warning-contrast-background,#fff3cd);color:inherit}`;
      document.head.append(style);
    }
    registry.delete(HIGHLIGHT);
    if (ranges.length > 0) registry.set(HIGHLIGHT, new Highlight(...ranges));
    return ranges.length;
  }
  // From the last range back, so earlier ranges' offsets stay valid.
  for (const range of [...ranges].reverse()) {
    const mark = document.createElement('mark');
    mark.dataset.docentPassage = '';
    range.surroundContents(mark);
  }
  return ranges.length;
}

/**
 * After a navigation to `url` (`/docs/page#anchor`), waits for the anchor's heading to render, scrolls it
 * into view and marks the snippet's matched words and the query's words in its section (see `markPassage`). Gives up quietly after
 * a few seconds (a page without that anchor).
 */
export function markPassageAfterNavigation(
  url: string,
  snippet: { text: string; highlights: [number, number][] },
  /** The query, whose whole words are marked too (the snippet shows only part of the section). */
  query = '',
): void {
  const hash = url.includes('#') ? url.slice(url.indexOf('#') + 1) : '';
  let anchor = hash;
  try {
    anchor = decodeURIComponent(hash);
  } catch {
    // keep as written
  }
  const words = [
    ...snippet.highlights.map(([from, to]) => snippet.text.slice(from, to)),
    ...(query.match(/[\p{L}\p{N}][\p{L}\p{N}_.-]+/gu) ?? []),
  ];
  const target = url.split('#')[0] ?? '';
  const started = Date.now();
  const attempt = () => {
    const onPage = decodeURI(window.location.pathname) === decodeURI(target) || target === '';
    const heading = anchor ? document.getElementById(anchor) : document.querySelector('article h1');
    if (onPage && heading) {
      heading.scrollIntoView({ block: 'start' });
      markPassage(heading, words);
      return;
    }
    if (Date.now() - started < WAIT_MS) window.setTimeout(attempt, 50);
  };
  window.setTimeout(attempt, 0);
}

/**
 * The words an answer takes from its source number `citation` (1-based): those of 5 letters and more in the
 * sentences that cite it (`[n]`), markdown and citation markers removed. What a source chip marks on the
 * page it opens.
 */
export function citedWords(answer: string, citation: number): string[] {
  const marker = `[${citation}]`;
  const sentences = answer.split(/(?<=[.!?。！？])\s+|\n+/u).filter((sentence) => sentence.includes(marker));
  const words = sentences
    .join(' ')
    .replace(/\[\d+\]/g, ' ')
    .replace(/[`*_>#]/g, ' ')
    .match(/[\p{L}\p{N}][\p{L}\p{N}_.-]{4,}/gu);
  return Array.from(new Set(words ?? []));
}
