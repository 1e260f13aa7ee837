import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexCommand } from '@docent/indexer';
import { afterAll, describe, expect, it } from 'vitest';

const site = join(import.meta.dirname, '..', '..', 'website');
const build = join(site, 'build');
let folder = '';
afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** The built HTML file a site path is served from. */
function pageFile(path: string): string {
  return join(build, path.replace(/^\//, ''), 'index.html');
}

describe('indexing a built Docusaurus site (two versions, two locales) in site mode', () => {
  it('links every chunk to a page and an anchor that exist in the built site', async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-site-'));
    const dump = join(folder, 'chunks.jsonl');
    const errors: string[] = [];
    const code = await indexCommand(
      ['--site', site, '--out', join(folder, 'site.docent'), '--dump', dump],
      {},
      {
        out: () => {},
        err: (line) => errors.push(line),
        isTerminal: false,
      },
    );
    expect(errors.filter((line) => !/^read \d+\/\d+ files$/.test(line))).toEqual([]);
    expect(code).toBe(0);
    const chunks = (await readFile(dump, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { url: string; text: string; sourcePath: string });
    const html = new Map<string, string>();
    for (const chunk of chunks) {
      const [path, anchor] = chunk.url.split('#') as [string, string | undefined];
      const file = pageFile(path);
      expect(existsSync(file), `${chunk.url}: no page at ${file}`).toBe(true);
      if (!html.has(file)) html.set(file, await readFile(file, 'utf8'));
      if (anchor)
        expect(html.get(file), `${chunk.url}: no element with id "${anchor}"`).toContain(`id="${anchor}"`);
    }
    const scopes = new Set(
      chunks.map((chunk) =>
        chunk.url
          .match(/^(\/fr)?\/docs(\/0\.1)?\//)
          ?.slice(1)
          .join('|'),
      ),
    );
    expect([...scopes].sort()).toEqual(['/fr|', '/fr|/0.1', '|', '|/0.1']);
    expect(
      chunks.some(
        (chunk) =>
          chunk.url.startsWith('/fr/docs/getting-started') && chunk.text.includes('Ajouter le thème'),
      ),
    ).toBe(true);
    expect(
      chunks.some(
        (chunk) =>
          chunk.url.startsWith('/docs/0.1/choosing-a-store') && chunk.text.includes('Qdrant support arrived'),
      ),
    ).toBe(true);
  });
});
