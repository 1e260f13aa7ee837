import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const corpora = fileURLToPath(new URL('../../eval/corpora', import.meta.url));
const folders: string[] = [];
afterAll(async () => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

async function pages(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.mdx?$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((path) => !path.split('/').some((segment) => segment.startsWith('_')));
}

/** Chunk text outside code: fenced blocks and inline code may legitimately show imports and tags. */
function prose(text: string): string {
  return text.replace(/(`{3,})[\s\S]*?\1/g, '').replace(/`[^`\n]*`/g, '');
}

// Hono's docs are VitePress pages, not Docusaurus's: their `.md` files are CommonMark (`detect`).
describe.each([
  ['hono-docs', 'detect'],
  ['docusaurus-docs', 'mdx'],
])('indexing the %s corpus in folder mode', (corpus, markdownFormat) => {
  it('represents every page, with no raw import lines or JSX tags in chunk text', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'docent-corpus-'));
    folders.push(folder);
    const dump = join(folder, 'chunks.jsonl');
    const run = await runCli([
      '--docs',
      join(corpora, corpus),
      '--base-url',
      '/docs',
      '--markdown-format',
      markdownFormat,
      '--out',
      join(folder, 'i.docent'),
      '--dump',
      dump,
      '--quiet',
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const chunks = (await readFile(dump, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const represented = new Set(chunks.map((chunk) => chunk.sourcePath));
    expect([...(await pages(join(corpora, corpus)))].filter((page) => !represented.has(page))).toEqual([]);
    const offending = chunks.filter(
      (chunk) =>
        /^\s*import\s.+\sfrom\s/m.test(prose(chunk.text)) ||
        /<\/?[A-Z][\w.]*(\s[^>]*)?\/?>/.test(prose(chunk.text)),
    );
    expect(offending.map((chunk) => `${chunk.url}: ${prose(chunk.text).slice(0, 200)}`)).toEqual([]);
    for (const chunk of chunks) expect(chunk.text.startsWith(chunk.headings.join(' > '))).toBe(true);
  });
});
