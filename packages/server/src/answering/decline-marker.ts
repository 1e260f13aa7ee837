/** What the system prompt asks a model to start a reply with when the sources do not answer the question. */
export const DECLINE_MARKER = '[[NOT_COVERED]]';

/**
 * Watches the start of a model's reply for `DECLINE_MARKER`, removes it from what the reader sees and
 * remembers that the model declined, however the marker is split across deltas. Text that is not the
 * marker passes through unchanged, delayed at most by the marker's length.
 */
export class DeclineMarkerFilter {
  declined = false;
  private pending = '';
  private decided = false;
  /** After the marker, white space is dropped until the reply's text begins. */
  private trimming = false;

  push(delta: string): string {
    if (this.decided) {
      if (!this.trimming) return delta;
      const text = delta.trimStart();
      if (text) this.trimming = false;
      return text;
    }
    this.pending += delta;
    const start = this.pending.trimStart();
    if (start.startsWith(DECLINE_MARKER)) {
      this.declined = true;
      this.decided = true;
      const rest = start.slice(DECLINE_MARKER.length).trimStart();
      this.trimming = rest === '';
      this.pending = '';
      return rest;
    }
    if (start.length > 0 && !DECLINE_MARKER.startsWith(start)) return this.release();
    return '';
  }

  flush(): string {
    return this.decided ? '' : this.release();
  }

  private release(): string {
    this.decided = true;
    const text = this.pending;
    this.pending = '';
    return text;
  }
}
