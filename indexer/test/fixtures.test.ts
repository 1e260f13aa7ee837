import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MarkdownError } from '@docent/markdown';
import { describe, expect, it } from 'vitest';
import { chunkSourceFile } from '../src/chunk-source-file.js';
import { folderFiles } from '../src/folder-files.js';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const update = process.env.UPDATE === '1';

/** What a fixture's page turns into: its chunks (without hashes, which follow the text) or its error. */
async function render(caseDir: string) {
  const { files } = await folderFiles(caseDir, { baseUrl: '/docs' });
  const input = files.find((file) => file.sourcePath.startsWith('input.'));
  if (!input) throw new Error(`${caseDir} has no input.md or input.mdx`);
  try {
    const result = await chunkSourceFile(input, { partialCache: new Map() });
    if (result.status === 'skipped') return { skipped: result.reason };
    return result.chunks.map(({ id, url, headings, title, text }) => ({ id, url, headings, title, text }));
  } catch (error) {
    if (!(error instanceof MarkdownError)) throw error;
    return { error: { line: error.line, column: error.column, message: error.message } };
  }
}

describe('golden fixtures (UPDATE=1 rewrites chunks.json)', () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name, async () => {
      const caseDir = join(fixtures, name);
      const expectedPath = join(caseDir, 'chunks.json');
      const actual = await render(caseDir);
      if (update || !existsSync(expectedPath)) {
        await writeFile(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      }
      expect(actual).toEqual(JSON.parse(await readFile(expectedPath, 'utf8')));
    });
  }
});
