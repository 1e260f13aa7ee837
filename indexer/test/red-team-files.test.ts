import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore } from '@docent/retrieval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/**
 * Red team, round 3: the indexer reads nothing outside the docs folder (symlinks to `/etc/passwd` or
 * `/proc/self/environ`, partials imported from elsewhere), and one pathological page is skipped and reported
 * instead of stalling the run.
 */
describe('red team: what the indexer reads', () => {
  let folder: string;
  let docs: string;
  const index = () => join(folder, 'index.docent');
  const run = () =>
    runCli(
      [
        '--docs',
        docs,
        '--base-url',
        '/docs',
        '--out',
        index(),
        '--json',
        join(folder, 'summary.json'),
        '--quiet',
      ],
      {
        SECRET_ONLY_IN_ENV: 'indexer-secret-value-42',
      },
    );

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-red-files-'));
    docs = join(folder, 'docs');
    await mkdir(join(folder, 'elsewhere'), { recursive: true });
    await mkdir(docs, { recursive: true });
    await writeFile(join(docs, 'intro.md'), '# Introduction\n\nDocent answers questions about your docs.\n');
    await writeFile(join(folder, 'elsewhere', 'secret.md'), '# Secret\n\nelsewhere-secret-text\n');
    await writeFile(join(folder, 'elsewhere', '_partial.mdx'), 'partial-secret-text\n');
    await symlink('/etc/passwd', join(docs, 'passwd.md'));
    await symlink('/proc/self/environ', join(docs, 'env.md'));
    await symlink(join(folder, 'elsewhere', 'secret.md'), join(docs, 'secret.md'));
    await symlink(join(folder, 'elsewhere', '_partial.mdx'), join(docs, '_linked.mdx'));
    await writeFile(
      join(docs, 'page.mdx'),
      "import Outside from '../elsewhere/_partial.mdx';\nimport Linked from './_linked.mdx';\n\n# Page\n\nBefore zebracorn.\n\n<Outside />\n\n<Linked />\n\nAfter.\n",
    );
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('refuses symlinks and imports out of the docs folder, and says which', async () => {
    process.env.SECRET_ONLY_IN_ENV = 'indexer-secret-value-42';
    const result = await run();
    delete process.env.SECRET_ONLY_IN_ENV;
    expect(result.err).toMatch(/passwd\.md:1:1: .*outside/);
    expect(result.err).toMatch(/env\.md:1:1: .*outside/);
    expect(result.err).toMatch(/secret\.md:1:1: .*outside/);
    const store = await LocalStore.open({ path: index() });
    const found = async (query: string) =>
      (await store.search({ text: query })).map((hit) => hit.chunk.text).join('\n');
    expect(await found('zebracorn')).toContain('Before zebracorn.');
    for (const query of [
      'root daemon bin',
      'indexer secret value',
      'elsewhere secret text',
      'partial secret text',
    ])
      expect(await found(query)).not.toMatch(
        /root:|indexer-secret-value-42|elsewhere-secret-text|partial-secret-text/,
      );
    await store.close();
    const summary = JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8'));
    expect(summary.warnings.join('\n')).toMatch(/page\.mdx: the partial _partial\.mdx could not be read/);
  });

  it('skips a page of 32 kB of `*a`, `~a` or `[` (quadratic in remark) and reports it, indexing the rest', async () => {
    await writeFile(join(docs, 'stars.md'), `# Stars\n\n${'*a'.repeat(16_000)}\n`);
    await writeFile(join(docs, 'tildes.md'), `# Tildes\n\nText.\n\n${'~a'.repeat(16_000)}\n`);
    await writeFile(join(docs, 'brackets.md'), `# Brackets\n\n${'['.repeat(16_000)}${']'.repeat(16_000)}\n`);
    // A long list of links, each item parsed on its own, is well within the budget.
    await writeFile(
      join(docs, 'links.md'),
      `# Links\n\n${Array.from({ length: 1000 }, (_, n) => `- [page ${n}](/docs/p${n}) and [more](/docs/m${n})`).join('\n')}\n`,
    );
    const result = await run();
    expect(result.err).toMatch(/stars\.md:3:1: too many emphasis or link markers/);
    expect(result.err).toMatch(/tildes\.md:5:1: too many emphasis or link markers/);
    expect(result.err).toMatch(/brackets\.md:3:1: too many/);
    expect(result.err).not.toMatch(/links\.md/);
    const store = await LocalStore.open({ path: index() });
    expect((await store.search({ text: 'Docent answers questions' }))[0]?.chunk.sourcePath).toBe('intro.md');
    await store.close();
  }, 20_000);

  it('never prints the Qdrant URL credentials or api-key when Qdrant is unreachable', async () => {
    const { freePort } = await import('@docent/test-support');
    const url = `http://qdrant-user:hunter2pass@127.0.0.1:${await freePort()}/?api-key=K3Y-in-query`;
    const result = await runCli([
      '--docs',
      docs,
      '--base-url',
      '/docs',
      '--store',
      'qdrant',
      '--qdrant-url',
      url,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/unreachable/);
    expect(`${result.out}${result.err}`).not.toMatch(/qdrant-user|hunter2pass|K3Y-in-query/);
  }, 30_000);
});
