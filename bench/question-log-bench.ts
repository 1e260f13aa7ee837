import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  JsonlQuestionLog,
  Metrics,
  type QuestionEntry,
  questionReport,
  redactSecrets,
  renderReport,
} from '@docent/server';
import { seededRandom } from '@docent/test-support';
import { median } from './statistics.js';

export type QuestionLogFigures = {
  /** Time an answer spends handing its entry to the log (redaction included), per question. */
  recordUs: number;
  /** Time until the entry is on disk (JSONL), per question, over a burst of 20,000. */
  writtenUs: number;
  /** Building report.json and index.html from 100,000 logged questions. */
  report100kMs: number;
  report100kTopics: number;
};

/**
 * 100k synthetic logged questions: 400 topics of which 120 the docs lack (those questions are declined and
 * name their topic word as missing), each asked in several phrasings, over 30 days.
 */
function loggedQuestions(count: number): QuestionEntry[] {
  const next = seededRandom(7);
  const phrasings = [
    'How do I use {t} with {u}?',
    'Does it support {t}?',
    'Where is {t} configured for {u}?',
    '{t} {u} not working',
    'Can I set up {t}?',
  ];
  return Array.from({ length: count }, (_, index) => {
    const topic = Math.floor(next() ** 2 * 400);
    const other = Math.floor(next() * 2000);
    const missing = topic < 120;
    const word = `topic${topic}x`;
    const question = phrasings[index % phrasings.length]!.replace('{t}', word).replace(
      '{u}',
      `thing${other}`,
    );
    return {
      type: 'question',
      at: new Date(Date.UTC(2026, 10, 1 + (index % 30), 12)).toISOString(),
      answerId: `a${index}`,
      question,
      locale: 'en',
      version: 'current',
      page: `/docs/page-${other % 50}`,
      outcome: 'ok',
      declined: missing,
      score: missing ? 0.1 : 0.8,
      sources: [{ url: `/docs/page-${topic % 60}#s`, score: 3.2 }],
      missingWords: missing ? [word] : [],
    };
  });
}

export async function measureQuestionLog(rounds = 3): Promise<QuestionLogFigures> {
  const work = await mkdtemp(join(tmpdir(), 'docent-qlog-bench-'));
  const entries = loggedQuestions(100_000);
  const records: number[] = [];
  const written: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const log = new JsonlQuestionLog({
      path: join(work, `q${round}.jsonl`),
      metrics: new Metrics(),
      log: () => {},
    });
    const burst = entries.slice(0, 20_000);
    const started = performance.now();
    for (const entry of burst) log.record({ ...entry, question: redactSecrets(entry.question) });
    records.push(((performance.now() - started) * 1000) / burst.length);
    await log.close();
    written.push(((performance.now() - started) * 1000) / burst.length);
  }
  const reports: number[] = [];
  let topics = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const report = questionReport(entries, { topics: 20 });
    renderReport(report);
    reports.push(performance.now() - started);
    topics = report.unansweredTopics.length;
  }
  await rm(work, { recursive: true, force: true });
  return {
    recordUs: median(records),
    writtenUs: median(written),
    report100kMs: median(reports),
    report100kTopics: topics,
  };
}
