import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionEntry } from '../src/question-log/question-log.js';
import { readQuestionLog } from '../src/question-log/read-question-log.js';
import { questionReport } from '../src/report/question-report.js';
import { renderReport } from '../src/report/render-report.js';

const question = (n: number, text: string, sources: string[] = ['/docs/intro']): QuestionEntry => ({
  type: 'question',
  at: `2026-03-0${1 + (n % 5)}T10:00:00.000Z`,
  answerId: `a${n}`,
  question: text,
  locale: 'en',
  version: 'current',
  page: null,
  outcome: 'ok',
  declined: true,
  score: 0.1,
  sources: sources.map((url) => ({ url, score: 0.1 })),
  missingWords: [],
});

/**
 * Red team, round 3: `docent-report` reads a hostile log: malformed lines are skipped and counted, source
 * URLs that are not pages of the site are never links, and grouping thousands of crafted questions stays
 * near-linear (the original took 84 s for 8,000; the test's time-out is the bound).
 */
describe('red team: docent-report on a hostile log', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-red-report-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('skips and counts malformed lines, and links only pages of the site', async () => {
    const path = join(folder, 'questions.jsonl');
    const lines = [
      question(1, 'How do I deploy to mercurial?', ['javascript:alert(1)', 'data:text/html,<b>x</b>']),
      question(2, 'How do I deploy to mercurial hosting?', ['/\\evil.example/reset', '/docs/deployment']),
      { type: 'feedback', at: '2026-03-02T10:00:00.000Z', answerId: 'a1', rating: 'down', reason: 'no' },
      { type: 'question', answerId: 'x' },
      {
        type: 'question',
        answerId: 'y',
        at: 5,
        question: 7,
        declined: 'yes',
        sources: 'none',
        outcome: 'ok',
      },
      { type: 'feedback', answerId: 'z', at: '2026-03-02', rating: 'sideways' },
      null,
      [1, 2],
    ].map((entry) => JSON.stringify(entry));
    await writeFile(path, `${lines.join('\n')}\nnot json at all\n`);
    const log = await readQuestionLog(path);
    expect(log.skippedLines).toBe(6);
    const report = questionReport(log.entries, { skippedLines: log.skippedLines });
    const html = renderReport(report, { siteUrl: 'https://docs.example.com' });
    expect(html).not.toMatch(/href="(?:javascript|data):|href="[^"]*evil/i);
    expect(html).toContain('href="https://docs.example.com/docs/deployment"');
    expect(report.skippedLines).toBe(6);
  });

  it('groups 16,000 crafted declined questions without quadratic work', () => {
    // Each shares common words with half the others (so each is a candidate for every cluster) and has a
    // word of its own (so each starts its own cluster): every question used to be compared with every cluster.
    const entries = Array.from({ length: 16_000 }, (_, n) =>
      question(
        n,
        n % 2
          ? `how do I configure the zq${n.toString(36)}x widget option`
          : `mercurial hosting mercurial setup w${n.toString(36)}q`,
      ),
    );
    const report = questionReport(entries, { topics: 5 });
    expect(report.totals.declined).toBe(16_000);
    expect(report.unansweredTopics).toHaveLength(5);
  }, 25_000);
});
