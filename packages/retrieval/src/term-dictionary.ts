import { distance } from 'fastest-levenshtein';

/** Letters a misspelt word and its correction share at their start (see `TermDictionary.neighbours`). */
const SHARED_LEAD = 2;
/** Shortest stem a misspelt word's start is compared with (shorter ones would match too much). */
const MIN_STEM = 4;

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
    return ids.sort((a, b) => this.frequency(b) - this.frequency(a) || a - b).slice(0, limit);
  }

  /** Number of documents holding the term with id `id`. */
  documentFrequency(id: number): number {
    return this.frequency(id);
  }

  /**
   * Terms within `typoBudget` edits (Levenshtein) of a misspelt word that share its first two letters (typos
   * there are rarer, and the rule keeps the scan to a thin slice of the dictionary: scanning every term
   * with the same first letter cost 15 ms a word at 5k chunks in `bench/typeahead-bench.ts`), nearest
   * first, then held by more documents; at most `limit` ids. `term` is the word as the index analyses it
   * (its stem); `typed`, when given, is the word as written: it sets the budget by its length and its start
   * is compared with each term (a match that way ranks after a whole-word match of as many edits), since a typo can hide a suffix from the stemmer (`configuraton` is its own stem,
   * while the index has `configur`). Empty for a word too short to tolerate a typo.
   */
  neighbours(term: string, limit: number, typed?: string): number[] {
    const budget = typoBudget(typed ?? term);
    if (budget === 0) return [];
    const lead = [...term].slice(0, SHARED_LEAD).join('');
    const from = this.lowerBound(lead);
    const to = this.lowerBound(`${lead}\uffff`);
    const found: { id: number; edits: number }[] = [];
    for (let i = from; i < to; i++) {
      const id = this.sorted[i]!;
      const candidate = this.terms[id]!;
      if (candidate === term) continue;
      let edits = Math.abs(candidate.length - term.length) > budget ? budget + 1 : distance(term, candidate);
      // The typed word's start against a stem (`configur` in `configuraton`), ranked after a whole match.
      for (
        let length = candidate.length - 1;
        typed && edits > budget && length <= candidate.length + 1;
        length++
      ) {
        if (candidate.length < MIN_STEM || length < MIN_STEM || length > typed.length) continue;
        edits = Math.min(edits, distance(typed.slice(0, length), candidate) + 0.5);
      }
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
