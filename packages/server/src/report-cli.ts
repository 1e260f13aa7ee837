#!/usr/bin/env node
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { redactUrls } from '@docent/retrieval';
import { readQuestionLog } from './question-log/read-question-log.js';
import { questionReport } from './report/question-report.js';
import { renderReport } from './report/render-report.js';

const USAGE = `Usage: docent-report --from <file|postgres://…> --out <dir> [options]

Reads Docent's question log (docent-server --question-log) and writes <dir>/index.html (a page to open in a
browser) and <dir>/report.json (the same data).

  --from <source>     the log: a JSONL file (its rotated files are read too) or a postgres:// URL   DOCENT_QUESTION_LOG
  --out <dir>         where to write the report (created if missing)
  --since <date>      only questions from this day on (YYYY-MM-DD)
  --topics <n>        unanswered topics to list (default 20)
  --site-url <url>    link pages to your site (e.g. https://docs.example.com)
  --price-per-million-tokens <n>             what a million tokens cost you (e.g. 0.15): the
                                             report shows the cost per day
  --completion-price-per-million-tokens <n>  a different price for completion tokens (default: the same)
  -h, --help`;

async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : argv,
      options: {
        from: { type: 'string' },
        out: { type: 'string' },
        since: { type: 'string' },
        topics: { type: 'string' },
        'site-url': { type: 'string' },
        'price-per-million-tokens': { type: 'string' },
        'completion-price-per-million-tokens': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`docent-report: ${(error as Error).message}. Run docent-report --help for the options.`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const from = (values.from as string | undefined) ?? process.env.DOCENT_QUESTION_LOG;
  const out = values.out as string | undefined;
  if (!from || !out) {
    console.error(
      'docent-report: give the log with --from <file|postgres://…> and the folder with --out <dir>.',
    );
    return 2;
  }
  const since = values.since as string | undefined;
  if (since && !/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    console.error(`docent-report: --since takes a day as YYYY-MM-DD, not "${since}".`);
    return 2;
  }
  const topics = values.topics === undefined ? 20 : Number(values.topics);
  if (!Number.isInteger(topics) || topics < 1) {
    console.error('docent-report: --topics takes a whole number of 1 or more.');
    return 2;
  }
  const siteUrl = values['site-url'] as string | undefined;
  const price = (name: string) => {
    const value = values[name] as string | undefined;
    if (value === undefined) return undefined;
    const parsed = Number(value);
    return Number.isFinite(parsed) && parsed >= 0 && value.trim() !== '' ? parsed : Number.NaN;
  };
  const promptPrice = price('price-per-million-tokens');
  const completionPrice = price('completion-price-per-million-tokens') ?? promptPrice;
  if (Number.isNaN(promptPrice) || Number.isNaN(completionPrice)) {
    console.error('docent-report: a price per million tokens is a number of 0 or more, such as 0.15.');
    return 2;
  }
  if (completionPrice !== undefined && promptPrice === undefined) {
    console.error(
      'docent-report: --completion-price-per-million-tokens needs --price-per-million-tokens (the prompt price) too.',
    );
    return 2;
  }
  const prices =
    promptPrice !== undefined && completionPrice !== undefined
      ? { promptPerMillion: promptPrice, completionPerMillion: completionPrice }
      : undefined;
  let log: Awaited<ReturnType<typeof readQuestionLog>>;
  try {
    log = await readQuestionLog(from);
  } catch (error) {
    console.error(`docent-report: cannot read the log: ${redactUrls((error as Error).message)}`);
    return 1;
  }
  const started = performance.now();
  const entries = since ? log.entries.filter((entry) => entry.at.slice(0, 10) >= since) : log.entries;
  const report = questionReport(entries, {
    topics,
    skippedLines: log.skippedLines,
    ...(prices ? { prices } : {}),
  });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(out, 'index.html'), renderReport(report, siteUrl ? { siteUrl } : {}));
  console.log(
    `docent-report: ${report.totals.questions} questions (${Math.round(report.totals.declinedShare * 100)}% declined), ${report.unansweredTopics.length} unanswered topics, ${report.totals.feedback.down} answers marked wrong; wrote ${join(out, 'index.html')} and report.json in ${Math.round(performance.now() - started)} ms`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
