import { readFile } from 'node:fs/promises';
import { type SearchFilter, type Store, searchDocsAndBlog } from '@docent/retrieval';
import { type GoldenQuestion, type RankedChunk, recallAt, reciprocalRankAt } from './golden-question.js';

export type CheckResult = {
  questions: number;
  passed: number;
  recallAt5: number;
  mrrAt10: number;
  failures: { question: GoldenQuestion; top: RankedChunk[] }[];
};

/**
 * Reads golden questions (one JSON object a line: `question`, `expected: [{path, heading}]`, optional `id`,
 * `kind`, `locale`, `version`). Every problem is reported with its line, all at once, before indexing.
 */
export async function readGoldenQuestions(path: string): Promise<GoldenQuestion[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new Error(
      `--check: cannot read ${path}; give a JSONL file of questions (see the CI indexing docs).`,
    );
  }
  const problems: string[] = [];
  const questions: GoldenQuestion[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const where = `${path}:${index + 1}`;
    let value: Partial<GoldenQuestion>;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${where}: not valid JSON`);
      continue;
    }
    const expected = value.expected;
    if (typeof value.question !== 'string' || !value.question.trim()) {
      problems.push(`${where}: needs "question" (the question as a reader would ask it)`);
    } else if (
      !Array.isArray(expected) ||
      expected.length === 0 ||
      !expected.every(
        (entry) =>
          typeof entry?.path === 'string' &&
          (entry.heading === null || entry.heading === undefined || typeof entry.heading === 'string'),
      )
    ) {
      problems.push(
        `${where}: needs "expected": [{"path": "page.md", "heading": "Heading"}] (path relative to the docs folder; leave "heading" out for the whole page)`,
      );
    } else {
      questions.push({ ...(value as GoldenQuestion), id: value.id ?? `line ${index + 1}` });
    }
  }
  if (problems.length > 0)
    throw new Error(`--check: ${problems.length} bad question(s):\n  ${problems.join('\n  ')}`);
  if (questions.length === 0) throw new Error(`--check: ${path} has no questions.`);
  return questions;
}

/** Searches every golden question in the store and scores it the way the evaluation does. */
export async function checkQuestions(
  store: Store,
  questions: GoldenQuestion[],
  defaults: SearchFilter,
  /** Whether the index holds blog posts: they come in as they do for readers (see `searchDocsAndBlog`). */
  options: { hasBlog: boolean } = { hasBlog: false },
): Promise<CheckResult> {
  const failures: CheckResult['failures'] = [];
  let recall = 0;
  let reciprocal = 0;
  for (const question of questions) {
    const filter: SearchFilter = {
      ...defaults,
      ...(question.locale ? { locale: question.locale } : {}),
      ...(question.version ? { version: question.version } : {}),
    };
    const hits = await searchDocsAndBlog(store, { text: question.question, filter, limit: 10 }, options);
    const ranked = hits.map((hit) => hit.chunk);
    const found = recallAt(question, ranked, 5);
    recall += found;
    reciprocal += reciprocalRankAt(question, ranked, 10);
    if (found < 1) failures.push({ question, top: ranked.slice(0, 5) });
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    questions: questions.length,
    passed: questions.length - failures.length,
    recallAt5: round(recall / questions.length),
    mrrAt10: round(reciprocal / questions.length),
    failures,
  };
}

/** The failures as a list a site owner reads in CI, then the summary line. */
export function describeCheck(result: CheckResult): string[] {
  const section = (chunk: RankedChunk) =>
    chunk.headings.length > 1 ? `${chunk.sourcePath} › ${chunk.headings.at(-1)}` : chunk.sourcePath;
  const lines = result.failures.flatMap(({ question, top }) => [
    `✗ ${question.id}: "${question.question}"`,
    `    expected ${question.expected
      .map((expected) => (expected.heading ? `${expected.path} › ${expected.heading}` : expected.path))
      .join(question.kind === 'multi-hop' ? ' and ' : ' or ')}`,
    `    top 5: ${top.length > 0 ? top.map((chunk, rank) => `${rank + 1}. ${section(chunk)}`).join('  ') : '(nothing found)'}`,
  ]);
  lines.push(
    `check: ${result.passed}/${result.questions} questions find their section in the top 5; recall@5 ${result.recallAt5}, MRR@10 ${result.mrrAt10}`,
  );
  return lines;
}
