/** A run of a source title: plain text, or inline code. */
export type TitlePart = { code: boolean; text: string };

/** What a source chip shows: the page, and the section the source is (`null` for a whole page). */
export type SourceLabel = { page: TitlePart[]; section: TitlePart[] | null; plain: string };

const SEPARATOR = ' › ';

/**
 * Splits a title into text and inline code by CommonMark's code-span rule (spec 0.31, "Code spans"): a
 * run of n backticks opens a span that the next run of exactly n backticks closes; one leading and one
 * trailing space are stripped when both are there; a run that is never closed is literal text.
 * Titles are heading texts as the indexer writes them (inline code in backticks, the rest plain).
 */
export function titleParts(title: string): TitlePart[] {
  const parts: TitlePart[] = [];
  const push = (code: boolean, text: string) => {
    const last = parts.at(-1);
    if (last && !last.code && !code) last.text += text;
    else if (text) parts.push({ code, text });
  };
  const runs = /`+/g;
  let last = 0;
  for (let open = runs.exec(title); open; open = runs.exec(title)) {
    const fence = open[0];
    const close = new RegExp(`(?<!\`)${fence}(?!\`)`, 'g');
    close.lastIndex = open.index + fence.length;
    const end = close.exec(title);
    if (!end) continue;
    let code = title.slice(open.index + fence.length, end.index).replace(/\n/g, ' ');
    if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim())
      code = code.slice(1, -1);
    push(false, title.slice(last, open.index));
    push(true, code);
    last = end.index + fence.length;
    runs.lastIndex = last;
  }
  push(false, title.slice(last));
  return parts;
}

/**
 * A source's chip label from its title (`Page › Section › Subsection`, as the service sends it): the page
 * and the last heading, so two sections of one page still differ when a narrow chip cuts the page's name.
 * `plain` is the whole title without backticks, for the chip's tooltip and accessible name.
 */
export function sourceLabel(title: string): SourceLabel {
  const headings = title.split(SEPARATOR);
  const page = titleParts(headings[0] ?? '');
  const section = headings.length > 1 ? titleParts(headings.at(-1)!) : null;
  const plain = headings
    .map((heading) =>
      titleParts(heading)
        .map((part) => part.text)
        .join(''),
    )
    .join(SEPARATOR);
  return { page, section, plain };
}

/**
 * The sources to show as chips under an answer: those its text does not already link as `[name](url)`.
 * A decline lists its nearest pages as links in its text; chips for them would list each page twice.
 */
export function unlinkedSources<T extends { url: string }>(sources: readonly T[], text: string): T[] {
  return sources.filter((source) => !text.includes(`](${source.url})`));
}
