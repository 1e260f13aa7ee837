import type { Chunk, SearchResult } from '@docent/protocol';
import {
  type EvalQuestion,
  isRelevant,
  type RankedChunk,
  recallAt,
  reciprocalRankAt,
} from './eval-question.js';
import type { LunrBaseline } from './lunr-baseline.js';

/** Search quality as readers type: Docent's `GET /api/search` against lunr with a trailing wildcard. */
export type TypeaheadReport = {
  /** Sections and pages searched for (each expected section of the questions, once). */
  targets: number;
  /** Keystrokes measured (every prefix of 3 characters and more of each target's name). */
  keystrokes: number;
  docent: { recallAt5: number; mrrAt10: number; fullRecallAt5: number; fullMrrAt10: number };
  lunr: { recallAt5: number; mrrAt10: number; fullRecallAt5: number; fullMrrAt10: number };
};

type Target = { expected: EvalQuestion['expected'][number]; query: string; version: string };

/**
 * The keyword form of each section the questions expect: its heading, or the page's title for a whole page,
 * as a reader types it to find that section (`Workspace protocol (workspace:)` -> `Workspace protocol
 * workspace`). Unanswerable questions expect nothing and add nothing.
 */
export function typeaheadTargets(
  questions: readonly EvalQuestion[],
  chunks: readonly Chunk[],
  prefixOf: (chunk: Chunk) => string,
): Target[] {
  const seen = new Set<string>();
  const targets: Target[] = [];
  for (const question of questions) {
    for (const expected of question.expected) {
      const version = question.version ?? 'current';
      const key = `${version}\u0000${expected.path}\u0000${expected.heading ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const page = chunks.find((chunk) => `${prefixOf(chunk)}${chunk.sourcePath}` === expected.path);
      const name = expected.heading ?? page?.title;
      if (!name) continue;
      const query = name
        .replace(/\{#[^}]*\}/g, '')
        .replace(/[^\p{L}\p{N}\s._-]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (query.length >= 3) targets.push({ expected, query, version });
    }
  }
  return targets;
}

/** Every prefix a reader types on the way to `query`, from 3 characters. */
function prefixes(query: string): string[] {
  return Array.from({ length: query.length - 2 }, (_, i) => query.slice(0, i + 3));
}

/**
 * Measures recall@5 and MRR@10 of each target's section at every keystroke of its name (and at the full
 * name), for Docent (the rows the search box shows, in order) and lunr (complete words as typed, the last
 * with a trailing `*`, as the local search plugins query it).
 */
export async function evaluateTypeahead(options: {
  targets: readonly Target[];
  search: (query: string, version: string) => Promise<SearchResult>;
  /** The indexed section a link of the service points at (links percent-encoded or not). */
  chunkAt: (url: string) => Chunk | undefined;
  scored: (chunk: Chunk) => RankedChunk;
  lunrFor: (version: string) => LunrBaseline;
}): Promise<TypeaheadReport> {
  const { targets, search, chunkAt, scored, lunrFor } = options;
  const sums = { docent: [0, 0, 0, 0], lunr: [0, 0, 0, 0] };
  let keystrokes = 0;
  for (const target of targets) {
    const question = { expected: [target.expected], kind: 'direct' as const };
    const typed = prefixes(target.query);
    for (const [index, prefix] of typed.entries()) {
      const full = index === typed.length - 1;
      const result = await search(prefix, target.version);
      const docent = result.pages
        .flatMap((page) => page.sections.map((section) => chunkAt(section.url)))
        .filter((chunk): chunk is Chunk => chunk !== undefined)
        .map(scored);
      const lunr = lunrFor(target.version).typeahead(prefix, 10).map(scored);
      for (const [name, ranked] of [
        ['docent', docent],
        ['lunr', lunr],
      ] as const) {
        const recall = recallAt(question, ranked, 5);
        const reciprocal = reciprocalRankAt(question, ranked, 10);
        sums[name][0]! += recall;
        sums[name][1]! += reciprocal;
        if (full) {
          sums[name][2]! += recall;
          sums[name][3]! += reciprocal;
        }
      }
      keystrokes++;
    }
  }
  const figures = (values: number[]) => ({
    recallAt5: values[0]! / Math.max(1, keystrokes),
    mrrAt10: values[1]! / Math.max(1, keystrokes),
    fullRecallAt5: values[2]! / Math.max(1, targets.length),
    fullMrrAt10: values[3]! / Math.max(1, targets.length),
  });
  return { targets: targets.length, keystrokes, docent: figures(sums.docent), lunr: figures(sums.lunr) };
}

export { isRelevant };
