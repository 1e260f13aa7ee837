import { join } from 'node:path';

/** One folder of a corpus, indexed as one locale and docs version. */
export type CorpusFolder = {
  /** The folder, relative to the corpus. */
  dir: string;
  /** What the questions' `path` puts before a page's path inside this folder. */
  prefix: string;
  baseUrl: string;
  locale: string;
  version: string;
};

export type EvalCorpus = {
  name: string;
  /** Absolute path of the corpus folder. */
  root: string;
  folders: CorpusFolder[];
  /** Absolute path of the questions (JSONL, DESIGN.md's format plus an optional `version`). */
  questions: string;
  /** Who wrote the questions: the team (tuned on) or people outside it. */
  questionsBy: 'team' | 'outside';
  /** The locale the questions are asked in (the reader's `context.locale`); the default locale when absent. */
  locale?: string;
};

const corporaDir = join(import.meta.dirname, '..', 'corpora');
const questionsDir = join(import.meta.dirname, '..', 'questions');

const current = { locale: 'en', version: 'current' };

/**
 * Every corpus with questions. `pnpm run eval` runs them all; each is indexed the way a site would be
 * (pnpm's older versions and its zh locale included, so version filtering and near-duplicate sections
 * are part of what is measured).
 */
export const EVAL_CORPORA: EvalCorpus[] = [
  {
    name: 'hono',
    root: join(corporaDir, 'hono-docs'),
    folders: [{ dir: '.', prefix: '', baseUrl: '/docs', ...current }],
    questions: join(questionsDir, 'hono.jsonl'),
    questionsBy: 'team',
  },
  {
    name: 'pnpm',
    root: join(corporaDir, 'pnpm-docs'),
    folders: [
      { dir: 'docs', prefix: 'docs/', baseUrl: '/docs', ...current },
      {
        dir: 'versioned_docs/version-10.x',
        prefix: 'versioned_docs/version-10.x/',
        baseUrl: '/docs/10.x',
        locale: 'en',
        version: '10.x',
      },
      {
        dir: 'versioned_docs_archived/version-9.x',
        prefix: 'versioned_docs_archived/version-9.x/',
        baseUrl: '/docs/9.x',
        locale: 'en',
        version: '9.x',
      },
      {
        dir: 'i18n/zh/docusaurus-plugin-content-docs/current',
        prefix: 'i18n/zh/docusaurus-plugin-content-docs/current/',
        baseUrl: '/zh/docs',
        locale: 'zh',
        version: 'current',
      },
    ],
    questions: join(corporaDir, 'pnpm-docs', 'questions.jsonl'),
    questionsBy: 'outside',
  },
  {
    // The same site read in Chinese: 30 questions the team wrote in Chinese against the zh locale (every
    // kind, 5 the docs do not answer), asked with `locale: 'zh'` of an index that also holds the English docs.
    name: 'pnpm-zh',
    root: join(corporaDir, 'pnpm-docs'),
    folders: [
      { dir: 'docs', prefix: 'docs/', baseUrl: '/docs', ...current },
      {
        dir: 'i18n/zh/docusaurus-plugin-content-docs/current',
        prefix: 'i18n/zh/docusaurus-plugin-content-docs/current/',
        baseUrl: '/zh/docs',
        locale: 'zh',
        version: 'current',
      },
    ],
    questions: join(questionsDir, 'pnpm-zh.jsonl'),
    questionsBy: 'team',
    locale: 'zh',
  },
  {
    name: 'redux',
    root: join(corporaDir, 'redux-docs'),
    folders: [{ dir: 'docs', prefix: 'docs/', baseUrl: '/docs', ...current }],
    questions: join(corporaDir, 'redux-docs', 'questions.jsonl'),
    questionsBy: 'outside',
  },
  {
    // Babel's docs as of Babel 8 (249 pages), with 60 questions written outside the team.
    name: 'babel',
    root: join(corporaDir, 'babel-docs'),
    folders: [{ dir: 'docs', prefix: 'docs/', baseUrl: '/docs', ...current }],
    questions: join(corporaDir, 'babel-docs', 'questions.jsonl'),
    questionsBy: 'outside',
  },
];

/** The corpus called `name`, or an error that lists the known ones. */
export function evalCorpus(name: string): EvalCorpus {
  const corpus = EVAL_CORPORA.find((candidate) => candidate.name === name);
  if (!corpus)
    throw new Error(
      `Unknown corpus "${name}". Known: ${EVAL_CORPORA.map((known) => known.name).join(', ')}.`,
    );
  return corpus;
}
