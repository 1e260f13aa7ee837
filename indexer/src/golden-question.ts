import { plainText } from '@docent/markdown';

/**
 * A site owner's golden question (the evaluation format, `expected` only): which sections must answer it.
 * `path` is relative to the docs folder; `heading` is the heading as written, or null or absent for the
 * whole page.
 */
export type GoldenQuestion = {
  id: string;
  question: string;
  expected: { path: string; heading?: string | null }[];
  /** Multi-hop questions need every expected section; the others need any one. */
  kind?: string;
  locale?: string;
  version?: string;
};

/** A retrieved chunk, as far as scoring needs it. */
export type RankedChunk = { sourcePath: string; headings: string[] };

/**
 * Heading text compared as the reader sees it: its `{#id}` taken off, its inline markdown rendered to text
 * (`plainText`: link text without the URL, entities decoded, escapes dropped), then tags, backticks, emoji
 * and punctuation stripped, spaces collapsed, lowercased. Used on both sides: the expected heading as
 * written in the source and the chunk's heading.
 */
export function normalizeHeading(heading: string): string {
  return plainText(heading.replace(/\s*\{#[^}]*\}\s*$/, ''))
    .replace(/\{#[^}]*\}/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .replace(/\p{Extended_Pictographic}|\u{FE0F}/gu, '')
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A chunk answers an expected section when it is on that page and under that heading (its own or an ancestor's). */
export function isRelevant(chunk: RankedChunk, expected: GoldenQuestion['expected'][number]): boolean {
  if (chunk.sourcePath !== expected.path) return false;
  if (expected.heading === null || expected.heading === undefined) return true;
  const wanted = normalizeHeading(expected.heading);
  return chunk.headings.some((heading) => normalizeHeading(heading) === wanted);
}

/**
 * recall@k: for multi-hop questions, the share of expected sections found in the top k (all are needed);
 * for the other kinds the expected sections are alternatives, so finding any one counts as 1.
 */
export function recallAt(
  question: Pick<GoldenQuestion, 'expected' | 'kind'>,
  ranked: RankedChunk[],
  k: number,
): number {
  const top = ranked.slice(0, k);
  const found = question.expected.map((expected) => top.some((chunk) => isRelevant(chunk, expected)));
  if (question.kind === 'multi-hop') return found.filter(Boolean).length / Math.max(1, found.length);
  return found.some(Boolean) ? 1 : 0;
}

/** Reciprocal rank of the first relevant chunk within the top k, or 0. */
export function reciprocalRankAt(
  question: Pick<GoldenQuestion, 'expected'>,
  ranked: RankedChunk[],
  k: number,
): number {
  const rank = ranked
    .slice(0, k)
    .findIndex((chunk) => question.expected.some((expected) => isRelevant(chunk, expected)));
  return rank < 0 ? 0 : 1 / (rank + 1);
}
