import { distance } from 'fastest-levenshtein';

/** Typo tolerance by word length, as Meilisearch and Typesense default: 1 edit from 5 letters, 2 from 9. */
export function typoBudget(term: string): number {
  const length = [...term].length;
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * The index's terms in code-unit order, for what search as you type asks of them: every term that starts with
 * what the reader is typing (`prefix`), and the terms a misspelt word is most likely to mean (`neighbours`).
 * Built once per index (a sort of the term ids) and never changed; lookups are binary searches.
 */
export class TermDictionary {
  /** Term ids sorted by their term. */
  private readonly sorted: Uint32Array;

  constructor(
    private readonly terms: readonly string[],
    /** Number of documents holding a term (its id), to prefer the common completions. */
    private readonly frequency: (id: number) => number,
  ) {
    const ids = Array.from(terms.keys());
    ids.sort((a, b) => (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0));
    this.sorted = Uint32Array.from(ids);
  }

  /** The id of `term`, or -1. */
  find(term: string): number {
    const at = this.lowerBound(term);
    const id = this.sorted[at];
    return id !== undefined && this.terms[id] === term ? id : -1;
  }

  /**
   * The ids of the terms that start with `prefix` (the prefix itself included), the `limit` held by the most
   * documents first. An empty prefix has no completions.
   */
  prefix(prefix: string, limit: number): number[] {
    if (prefix.length === 0) return [];
    const from = this.lowerBound(prefix);
    const to = this.lowerBound(`${prefix}\uffff`);
    const ids = Array.from(this.sorted.subarray(from, to));
    if (ids.length <= limit) return ids;
    return ids.sort((a, b) => this.frequency(b) - this.frequency(a) || a - b).slice(0, limit);
  }

  /**
   * Terms within `typoBudget(term)` edits (Levenshtein) of `term` that share its first letter (a first-letter
   * typo is rare, and the rule keeps the scan to one slice of the dictionary), nearest first, then held by
   * more documents; at most `limit` ids. Empty for a word too short to tolerate a typo.
   */
  neighbours(term: string, limit: number): number[] {
    const budget = typoBudget(term);
    if (budget === 0) return [];
    const first = String.fromCodePoint(term.codePointAt(0)!);
    const from = this.lowerBound(first);
    const to = this.lowerBound(`${first}\uffff`);
    const found: { id: number; edits: number }[] = [];
    for (let i = from; i < to; i++) {
      const id = this.sorted[i]!;
      const candidate = this.terms[id]!;
      if (Math.abs(candidate.length - term.length) > budget || candidate === term) continue;
      const edits = distance(term, candidate);
      if (edits <= budget) found.push({ id, edits });
    }
    return found
      .sort((a, b) => a.edits - b.edits || this.frequency(b.id) - this.frequency(a.id) || a.id - b.id)
      .slice(0, limit)
      .map(({ id }) => id);
  }

  /** First position in `sorted` whose term is not below `term`. */
  private lowerBound(term: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.terms[this.sorted[middle]!]! < term) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
