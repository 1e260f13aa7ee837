/**
 * Streams answer text through, keeping only citations [n] whose n is a source and markdown links whose
 * target is a known URL (a source, a site route, or any http(s) URL that is allowed). It holds back text
 * from an opening `[` until it can tell what it is (or until it is clearly not a citation or link).
 */
export class CitationFilter {
  private pending = '';
  private readonly cited = new Set<number>();

  constructor(
    private readonly sourceCount: number,
    private readonly isAllowedUrl: (url: string) => boolean,
  ) {}

  /** Source numbers the text cited, in order of first citation. */
  get citations(): number[] {
    return [...this.cited];
  }

  push(delta: string): string {
    this.pending += delta;
    return this.drain(false);
  }

  flush(): string {
    return this.drain(true);
  }

  private drain(final: boolean): string {
    let output = '';
    for (;;) {
      const open = this.pending.indexOf('[');
      if (open < 0) {
        output += this.pending;
        this.pending = '';
        return output;
      }
      output += this.pending.slice(0, open);
      this.pending = this.pending.slice(open);
      const resolved = this.resolve(final);
      if (resolved === null) return output;
      output += resolved.text;
      this.pending = this.pending.slice(resolved.consumed);
    }
  }

  /** What the text at the start of `pending` (which begins with `[`) becomes, or null to wait for more. */
  private resolve(final: boolean): { text: string; consumed: number } | null {
    const text = this.pending;
    const citation = /^\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/.exec(text);
    if (citation) {
      const kept = citation[1]!
        .split(',')
        .map((part) => Number(part.trim()))
        .filter((n) => n >= 1 && n <= this.sourceCount);
      for (const n of kept) this.cited.add(n);
      return { text: kept.map((n) => `[${n}]`).join(''), consumed: citation[0].length };
    }
    const link = /^\[([^\]\n]*)\]\(([^)\s]*)\)/.exec(text);
    if (link) {
      return { text: this.isAllowedUrl(link[2]!) ? link[0] : link[1]!, consumed: link[0].length };
    }
    const couldGrow = /^\[[^\]\n]*(\](\([^)\s]*)?)?$/.test(text) && text.length < 400;
    if (couldGrow && !final) return null;
    return { text: '[', consumed: 1 };
  }
}
