import type { Chunk } from '@docent/protocol';

/**
 * An answer's numbered sources, [1] first: the first retrieval's, then each section a step of agentic
 * retrieval returned, once (by URL). The safe-markdown filter and the link policy read it as it grows, so the
 * answer may cite exactly the sections that were retrieved, and nothing else.
 */
export class SourceList {
  private readonly items: Chunk[] = [];
  private readonly numbers = new Map<string, number>();

  constructor(initial: readonly Chunk[]) {
    for (const chunk of initial) this.add(chunk);
  }

  /** The source's number (1-based), adding it when it is new. */
  add(chunk: Chunk): number {
    const known = this.numbers.get(chunk.url);
    if (known !== undefined) return known;
    this.items.push(chunk);
    this.numbers.set(chunk.url, this.items.length);
    return this.items.length;
  }

  get length(): number {
    return this.items.length;
  }

  /** The sources in citation order. */
  all(): readonly Chunk[] {
    return this.items;
  }

  has(url: string): boolean {
    return this.numbers.has(url);
  }
}
