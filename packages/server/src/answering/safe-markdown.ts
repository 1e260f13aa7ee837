import { siteLink } from '@docent/protocol';
/**
 * What a link or image in a model's answer may point at: a page of the indexed site (a root-relative path,
 * or an absolute URL on one of the site's own origins) that is among the answer's sources.
 */
export type LinkPolicy = (url: string) => boolean;

const CITATION = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/y;
const INLINE_LINK =
  /(!?)\[([^\]\n]{0,300})\]\(\s*(<[^>\n]{0,600}>|[^\s()<>]{0,600}(?:\([^\s()]{0,200}\)[^\s()<>]{0,200})*)(?:\s+(?:"[^"\n]{0,300}"|'[^'\n]{0,300}'|\([^)\n]{0,300}\)))?\s*\)/y;
const REFERENCE_LINK = /(!?)\[([^\]\n]{0,300})\]\[([^\]\n]{0,200})\]/y;
const REFERENCE_DEFINITION = /\[([^\]\n]{1,200})\]:[^\n]*/y;
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]{0,2000}|[^\s<>@]{1,200}@[^\s<>]{1,200})>/y;
const FENCE_OPEN = /( {0,3})(`{3,}|~{3,})/y;
const PLAIN = /[^[!<`\n:.@]+/y;
/** What a `[`, `![` or `<` construct may still become while the answer is streaming. */
const PARTIAL_BRACKET =
  /^!?(?:\[[^\]\n]{0,300}(?:\](?:\([^)\n]{0,1200}|\[[^\]\n]{0,200}|:[^\n]{0,600})?)?)?$/;
/** The longest text held back waiting for a construct to complete. */
const HOLD_LIMIT = 2000;

/**
 * Streams a model's answer through as markdown that is safe in any renderer, in time linear in its length:
 * - code (fenced blocks and inline spans) passes byte for byte, untouched;
 * - citations `[n]` are kept when `n` is a source, dropped otherwise;
 * - inline links and images are kept only when `policy` allows their URL (and lose their title); other
 *   links become their text, other images their alt text;
 * - reference links, reference definitions and autolinks become plain text;
 * - raw HTML is escaped (`\<`), so it shows as text, and so is any other `[` (`\[`), so text too long to
 *   check can never become a link downstream;
 * - what GFM would autolink (`https://…`, `www.…`, `name@host`) is escaped (`https\://`, `www\.`, `\@`), so
 *   it shows as text: a link reaches the reader only as a link the policy allowed, written by `siteLink`.
 * Text is held back only while a construct could still complete, and never more than `HOLD_LIMIT`.
 */
export class SafeMarkdown {
  private buffer = '';
  private position = 0;
  /** The first characters of the current line (up to 4; empty at a line start): "after at most 3 spaces". */
  private lineSoFar = '';
  private fence: { marker: string; length: number } | null = null;
  /** The last three characters consumed (`www` before a `.`). */
  private recent = '';

  /**
   * @param sourceCount how many sources `[n]` may cite; a function when the sources grow while the answer
   *   streams (agentic retrieval adds the sections each step returned).
   */
  constructor(
    private readonly sourceCount: number | (() => number),
    private readonly policy: LinkPolicy,
  ) {}

  push(delta: string): string {
    this.buffer += delta;
    return this.drain(false);
  }

  flush(): string {
    return this.drain(true);
  }

  private drain(final: boolean): string {
    let output = '';
    for (;;) {
      const step = this.fence ? this.inFence(final) : this.inText(final);
      if (step === null) break;
      output += step;
    }
    // Keep only what is still pending; everything before it has been handled.
    this.buffer = this.buffer.slice(this.position);
    this.position = 0;
    return output;
  }

  /** One step inside a fenced code block: a whole line, copied as is. */
  private inFence(final: boolean): string | null {
    const fence = this.fence!;
    const end = this.buffer.indexOf('\n', this.position);
    if (end < 0 && !final && this.buffer.length - this.position < HOLD_LIMIT) return null;
    if (this.position >= this.buffer.length) return null;
    const line = this.buffer.slice(this.position, end < 0 ? this.buffer.length : end + 1);
    this.position += line.length;
    const closing = new RegExp(
      `^ {0,3}${fence.marker === '`' ? '`' : '~'}{${fence.length},}[ \\t]*\\r?\\n?$`,
    );
    if (closing.test(line)) this.fence = null;
    this.lineSoFar = '';
    return line;
  }

  /** One step outside code: a run of plain text, or one construct. */
  private inText(final: boolean): string | null {
    const text = this.buffer;
    const at = this.position;
    if (at >= text.length) return null;
    if (this.lineSoFar === '') {
      FENCE_OPEN.lastIndex = at;
      const open = FENCE_OPEN.exec(text);
      if (open) {
        const end = text.indexOf('\n', at);
        if (end < 0 && !final && text.length - at < HOLD_LIMIT) return null;
        const line = text.slice(at, end < 0 ? text.length : end + 1);
        // A backtick fence's info string may not contain backticks (then it is inline code).
        if (open[2]![0] !== '`' || !line.slice(open[0].length).includes('`')) {
          this.fence = { marker: open[2]![0]!, length: open[2]!.length };
          return this.take(line);
        }
      } else if (!final && /^ {0,3}[`~]{0,2}$/.test(text.slice(at, at + 6)) && text.length - at < 6) {
        return null; // Could still become a fence.
      }
    }
    const character = text[at]!;
    if (character === '\n') return this.take('\n');
    if (character === '`') return this.inlineCode(final);
    if (character === '[' || character === '!') return this.bracket(final);
    if (character === '<') return this.angle(final);
    if (character === ':') {
      if (!final && text.length - at < 3) return null; // Could still become `://`.
      return this.take(':', text.startsWith('//', at + 1) ? '\\:' : ':');
    }
    if (character === '.') return this.take('.', /www$/i.test(this.recent) ? '\\.' : '.');
    // An e-mail address (`name@host`, which GFM autolinks) only; `@scope/package` stays as written.
    if (character === '@') return this.take('@', /[\w.+-]$/.test(this.recent) ? '\\@' : '@');
    PLAIN.lastIndex = at;
    return this.take(PLAIN.exec(text)![0]);
  }

  private inlineCode(final: boolean): string | null {
    const text = this.buffer;
    const at = this.position;
    let run = at;
    while (text[run] === '`') run++;
    if (run === text.length && !final) return null;
    const ticks = text.slice(at, run);
    // The span closes at the next run of exactly as many backticks, looked for within HOLD_LIMIT (linear time:
    // the window starts here, whatever is before it in the buffer).
    const window = text.slice(at, at + HOLD_LIMIT);
    let search = run - at;
    for (;;) {
      const next = window.indexOf(ticks, search);
      if (next < 0) break;
      let after = next + ticks.length;
      if (window[after] === '`') {
        while (window[after] === '`') after++;
        search = after;
        continue;
      }
      if (at + after === text.length && !final) return null; // More backticks may follow.
      return this.take(window.slice(0, after));
    }
    if (!final && text.length - at < HOLD_LIMIT) return null;
    // Never closed: the backticks are literal text.
    return this.take(ticks);
  }

  private bracket(final: boolean): string | null {
    const text = this.buffer;
    const at = this.position;
    if (text[at] === '!' && text[at + 1] !== '[') {
      if (at + 1 === text.length && !final) return null;
      return this.take('!');
    }
    if (text[at] === '[') {
      CITATION.lastIndex = at;
      const citation = CITATION.exec(text);
      if (citation) {
        const count = typeof this.sourceCount === 'number' ? this.sourceCount : this.sourceCount();
        const kept = citation[1]!
          .split(',')
          .map((part) => Number(part.trim()))
          .filter((n) => n >= 1 && n <= count);
        return this.take(citation[0], kept.map((n) => `[${n}]`).join(''));
      }
      if (/^ {0,3}$/.test(this.lineSoFar)) {
        REFERENCE_DEFINITION.lastIndex = at;
        const definition = REFERENCE_DEFINITION.exec(text);
        const complete = definition && (text.indexOf('\n', at) >= 0 || final);
        if (complete) return this.take(definition[0], plain(definition[1]!));
      }
    }
    // A link needs its `]` within 302 characters; without one (a run of `[`), skip the link patterns. The
    // look is bounded, so a run of `[` costs constant work per character.
    const close = text.slice(at, at + 303).indexOf(']');
    const link = close >= 0 ? execAt(INLINE_LINK, text, at) : null;
    if (link) {
      const [, bang, label, rawUrl] = link;
      const url = rawUrl!.startsWith('<') ? rawUrl!.slice(1, -1) : rawUrl!;
      // Written back by the one link policy, so the destination cannot end early and open another link.
      const target = this.policy(url) ? siteLink(url) : null;
      if (bang) return this.take(link[0], target ? `![${plain(label!)}](${target})` : plain(label!));
      return this.take(link[0], target ? `[${plain(label!)}](${target})` : plain(label!));
    }
    const reference = close >= 0 ? execAt(REFERENCE_LINK, text, at) : null;
    if (reference) return this.take(reference[0], plain(reference[2]! || reference[3]!));
    // Wait only when the rest of what has arrived could still become a construct.
    if (!final && text.length - at <= HOLD_LIMIT && PARTIAL_BRACKET.test(text.slice(at))) return null;
    // Not a construct Docent checked (or too long to check): an escaped `[` can never open a link later.
    return this.take(text[at]!, text[at] === '[' ? '\\[' : text[at]);
  }

  private angle(final: boolean): string | null {
    const text = this.buffer;
    const at = this.position;
    AUTOLINK.lastIndex = at;
    const autolink = AUTOLINK.exec(text);
    if (autolink) return this.take(autolink[0], plain(autolink[1]!));
    const rest = text.slice(at, at + HOLD_LIMIT + 1);
    if (!final && rest.length <= HOLD_LIMIT && /^<[^\s<>]*$/.test(rest)) return null;
    // Raw HTML (a tag, comment, declaration or processing instruction) shows as text.
    return this.take('<', /^<[A-Za-z/!?]/.test(rest) ? '\\<' : '<');
  }

  /** Consumes `source` and returns what to emit for it (itself unless told otherwise). */
  private take(source: string, emitted = source): string {
    this.position += source.length;
    this.recent = (this.recent + source.slice(-3)).slice(-3);
    const newline = source.lastIndexOf('\n');
    this.lineSoFar = (
      newline < 0 ? this.lineSoFar + source.slice(0, 4) : source.slice(newline + 1, newline + 5)
    ).slice(0, 4);
    return emitted;
  }
}

/** A sticky pattern matched exactly at `at`. */
function execAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** Link text and labels as plain text: no markup that could open a link or tag. */
function plain(text: string): string {
  return text
    .replace(/[[\]]/g, '')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/(?<=[\w.+-])@/g, '\\@');
}
