import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore } from '@docent/retrieval';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('the page cache', () => {
  const folders: string[] = [];
  afterAll(async () => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

  it('skips unchanged pages but re-reads a page whose partial changed, or whose chunks left the store', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'docent-cache-'));
    folders.push(folder);
    const docs = join(folder, 'docs');
    await mkdir(docs, { recursive: true });
    await writeFile(join(docs, '_steps.mdx'), '1. Build the site.\n');
    await writeFile(
      join(docs, 'guide.mdx'),
      "import Steps from './_steps.mdx';\n\n# Guide\n\n## Steps\n\n<Steps />\n",
    );
    await writeFile(join(docs, 'other.md'), '# Other\n\nNothing to see.\n');
    const out = join(folder, 'index.docent');
    const args = [
      '--docs',
      docs,
      '--base-url',
      '/docs',
      '--out',
      out,
      '--json',
      join(folder, 's.json'),
      '--quiet',
    ];
    const summary = async () => JSON.parse(await readFile(join(folder, 's.json'), 'utf8'));

    expect((await runCli(args)).code).toBe(0);
    expect(await summary()).toMatchObject({ new: 2, unchanged: 0 });
    expect((await runCli(args)).code).toBe(0);
    expect(await summary()).toMatchObject({ new: 0, changed: 0, unchanged: 2 });

    await writeFile(join(docs, '_steps.mdx'), '1. Build the site.\n2. Run docent-index.\n');
    expect((await runCli(args)).code).toBe(0);
    expect(await summary()).toMatchObject({ changed: 1, unchanged: 1 });
    const store = await LocalStore.open({ path: out });
    expect((await store.search({ text: 'run docent-index' }))[0]?.chunk.url).toBe('/docs/guide#steps');

    // Something else emptied the index: the cache must not vouch for chunks that are gone.
    await store.publish([], { embedder: null, builtAt: new Date().toISOString() });
    await store.close();
    expect((await runCli(args)).code).toBe(0);
    expect(await summary()).toMatchObject({ new: 2, unchanged: 0 });
  });
});
