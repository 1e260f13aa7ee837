import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const DEPLOY = `# Deployment

## Reverse proxies

Turn off proxy buffering in nginx so answers stream: set proxy_buffering off.

## Docker

Run the service with docker run -p 8787:8787 and mount the index file.
`;

const GOLDEN = [
  {
    id: 'nginx',
    question: 'How do I stop nginx from buffering the answer?',
    expected: [{ path: 'deployment.md', heading: 'Reverse proxies' }],
  },
  {
    id: 'docker',
    question: 'How do I run it in a container?',
    expected: [{ path: 'deployment.md', heading: 'Docker' }],
  },
  {
    id: 'install',
    question: 'How do I install the theme?',
    expected: [{ path: 'install.md', heading: null }],
  },
];

describe('docent-index --check', () => {
  let folder: string;
  let docs: string;
  const args = (questions: string) => [
    '--docs',
    docs,
    '--base-url',
    '/docs',
    '--out',
    join(folder, 'index.docent'),
    '--quiet',
    '--check',
    questions,
  ];
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-check-'));
    docs = join(folder, 'docs');
    await mkdir(docs);
    await writeFile(join(docs, 'deployment.md'), DEPLOY);
    await writeFile(
      join(docs, 'install.md'),
      '# Installation\n\nInstall the theme with npm install @docent/docusaurus-theme.\n',
    );
    await writeFile(join(folder, 'golden.jsonl'), GOLDEN.map((line) => JSON.stringify(line)).join('\n'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('passes when every golden question finds its section, and prints recall and MRR', async () => {
    const run = await runCli(args(join(folder, 'golden.jsonl')));
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/check: 3\/3 questions find their section in the top 5; recall@5 1, MRR@10 1/);
  });

  it('fails with exit 3 and a readable list when a renamed heading loses its question', async () => {
    await writeFile(join(docs, 'deployment.md'), DEPLOY.replace('## Docker', '## Containers'));
    const run = await runCli(args(join(folder, 'golden.jsonl')));
    expect(run.code).toBe(3);
    expect(run.err).toContain('✗ docker: "How do I run it in a container?"');
    expect(run.err).toContain('expected deployment.md › Docker');
    expect(run.err).toMatch(/top 5: 1\. deployment\.md › Containers/);
    expect(run.err).toMatch(/check: 2\/3 questions .* recall@5 0\.667/);
    expect(run.err).toMatch(
      /the index was published, but some golden questions no longer find their section/,
    );
  });

  it('refuses bad questions before indexing, naming every bad line', async () => {
    const bad = join(folder, 'bad.jsonl');
    await writeFile(bad, `${JSON.stringify(GOLDEN[0])}\n{"question": "no expected"}\nnot json\n`);
    const out = join(folder, 'untouched.docent');
    const run = await runCli([
      '--docs',
      docs,
      '--base-url',
      '/docs',
      '--out',
      out,
      '--quiet',
      '--check',
      bad,
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /2 bad question\(s\):\n {2}.*bad\.jsonl:2: needs "expected".*\n {2}.*bad\.jsonl:3: not valid JSON/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('is refused with --dry-run, which publishes nothing to check', async () => {
    const run = await runCli([...args(join(folder, 'golden.jsonl')), '--dry-run']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/--check searches the published index: run it without --dry-run/);
  });

  it('takes a question with no heading as the whole page, and compares headings as the reader sees them', async () => {
    await writeFile(
      join(docs, 'cli.md'),
      [
        '# CLI',
        '',
        '## Using the [cache](cli.md#cache) option',
        '',
        'Pass --cache to keep unchanged pages between runs.',
        '',
        '## `include` \\[array&lt;string&gt;]',
        '',
        'Lists the globs of files to include in the bundle.',
        '',
      ].join('\n'),
    );
    const questions = join(folder, 'reader.jsonl');
    await writeFile(
      questions,
      [
        { question: 'How do I install the theme?', expected: [{ path: 'install.md' }] },
        {
          question: 'How do I keep unchanged pages between runs?',
          expected: [{ path: 'cli.md', heading: 'Using the [cache](cli.md#cache) option' }],
        },
        {
          question: 'Which globs of files go in the bundle?',
          expected: [{ path: 'cli.md', heading: '`include` \\[array&lt;string&gt;]' }],
        },
        {
          question: 'Which globs of files go in the bundle?',
          expected: [{ path: 'cli.md', heading: 'include [array<string>]' }],
        },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const run = await runCli(args(questions));
    expect(run.err).toBe('');
    expect(run.out).toMatch(/check: 4\/4 questions find their section/);
  });
});
