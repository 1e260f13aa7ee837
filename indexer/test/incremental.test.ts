import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore } from '@docent/retrieval';
import { FakeOpenAI } from '@docent/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const PAGES: Record<string, string> = {
  'intro.md':
    '# Introduction\n\nDocent answers questions about your docs.\n\n## Why\n\nReaders ask in their own words.\n',
  'guides/install.mdx':
    '---\ntitle: Install\n---\n\n## With npm\n\nRun npm install.\n\n## With pnpm\n\nRun pnpm add.\n',
  'guides/deploy.md':
    '# Deploy\n\n## Docker\n\nUse the image.\n\n## Reverse proxies\n\nTurn off buffering for SSE.\n',
};

describe('incremental indexing through the CLI', () => {
  let folder: string;
  let docs: string;
  let api: FakeOpenAI;
  let env: NodeJS.ProcessEnv;
  const args = () => [
    '--docs',
    docs,
    '--base-url',
    '/docs',
    '--out',
    join(folder, 'index.docent'),
    '--json',
    join(folder, 'summary.json'),
    '--quiet',
  ];
  const summary = async () => JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8'));

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-incremental-'));
    docs = join(folder, 'docs');
    api = await new FakeOpenAI(16).start();
    env = {
      DOCENT_EMBEDDER: 'openai',
      DOCENT_EMBEDDING_MODEL: 'fake-embed',
      OPENAI_BASE_URL: api.url,
      OPENAI_API_KEY: 'test',
    };
    for (const [path, text] of Object.entries(PAGES)) {
      await writeFile(join(docs, path), text).catch(async () => {
        await import('node:fs/promises').then(({ mkdir }) =>
          mkdir(join(docs, path, '..'), { recursive: true }),
        );
        await writeFile(join(docs, path), text);
      });
    }
  });
  afterAll(async () => {
    await api.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('embeds every chunk on the first run and writes the summary keys', async () => {
    const run = await runCli(args(), env);
    expect(run.code).toBe(0);
    const first = await summary();
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining([
        'files',
        'chunks',
        'new',
        'changed',
        'unchanged',
        'deleted',
        'embeddingCalls',
        'errors',
        'ms',
      ]),
    );
    expect(first).toMatchObject({
      files: 3,
      new: first.chunks,
      changed: 0,
      unchanged: 0,
      deleted: 0,
      errors: [],
    });
    expect(first.chunks).toBe(6);
    expect(first.embeddingCalls).toBeGreaterThan(0);
    expect(api.embeddedTexts).toBe(6);
  });

  it('makes zero embedding calls and writes nothing on a no-op re-run', async () => {
    const indexPath = join(folder, 'index.docent');
    const before = await readFile(indexPath);
    const requests = api.embeddingRequests;
    const run = await runCli(args(), env);
    expect(run.code).toBe(0);
    expect(await summary()).toMatchObject({
      new: 0,
      changed: 0,
      unchanged: 6,
      deleted: 0,
      embeddingCalls: 0,
    });
    expect(api.embeddingRequests).toBe(requests);
    expect(await readFile(indexPath)).toEqual(before);
    expect(run.out).toContain('already up to date');
  });

  it('re-embeds only the changed chunks of a changed page and drops deleted pages', async () => {
    await writeFile(
      join(docs, 'guides/install.mdx'),
      PAGES['guides/install.mdx']!.replace('Run pnpm add.', 'Run pnpm add @docent/docusaurus-theme.'),
    );
    await rm(join(docs, 'guides/deploy.md'));
    const texts = api.embeddedTexts;
    const run = await runCli(args(), env);
    expect(run.code).toBe(0);
    expect(await summary()).toMatchObject({
      files: 2,
      new: 0,
      changed: 1,
      unchanged: 3,
      deleted: 2,
      embeddingCalls: 1,
    });
    expect(api.embeddedTexts - texts).toBe(1);
    const store = await LocalStore.open({ path: join(folder, 'index.docent') });
    const hits = await store.search({ text: 'pnpm add docusaurus theme' });
    expect(hits[0]?.chunk.url).toBe('/docs/guides/install#with-pnpm');
    expect(await store.search({ text: 'reverse proxies buffering' })).toEqual([]);
    await store.close();
  });

  it('reports a malformed file as path:line:column, indexes the rest, keeps its old chunks, exits 2', async () => {
    await writeFile(join(docs, 'intro.md'), `${PAGES['intro.md']}\nMore text.\n`);
    await writeFile(join(docs, 'guides/install.mdx'), '# Install\n\n<Tabs>\n  <TabItem>\n</Tabs>\n');
    const run = await runCli(args(), env);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^guides\/install\.mdx:5:1: .*closing tag/m);
    const result = await summary();
    expect(result.errors).toEqual([
      { path: 'guides/install.mdx', line: 5, column: 1, message: expect.stringContaining('</Tabs>') },
    ]);
    expect(result).toMatchObject({ changed: 1, deleted: 0 });
    const store = await LocalStore.open({ path: join(folder, 'index.docent') });
    expect((await store.search({ text: 'pnpm add' }))[0]?.chunk.sourcePath).toBe('guides/install.mdx');
    await store.close();
  });

  it('leaves the published index exactly as it was when embedding fails part-way', async () => {
    const indexPath = join(folder, 'index.docent');
    await writeFile(join(docs, 'guides/install.mdx'), PAGES['guides/install.mdx']!);
    const before = await readFile(indexPath);
    api.embeddingFailures = [500, 500, 500, 500, 500, 500];
    const run = await runCli([...args(), '--embedding-batch-size', '1'], { ...env });
    api.embeddingFailures = [];
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/nothing was written; the published index is as it was/);
    expect(await readFile(indexPath)).toEqual(before);
  });

  it('writes nothing on --dry-run and dumps every chunk with --dump', async () => {
    const indexPath = join(folder, 'index.docent');
    const before = await readFile(indexPath);
    const dump = join(folder, 'chunks.jsonl');
    const run = await runCli([...args(), '--dry-run', '--dump', dump], env);
    expect(run.code).toBe(0);
    expect(run.out).toContain('nothing written');
    expect(await readFile(indexPath)).toEqual(before);
    const lines = (await readFile(dump, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(0);
    expect(Object.keys(lines[0])).toEqual(['id', 'sourcePath', 'headings', 'url', 'text']);
  });
});
