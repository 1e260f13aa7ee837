import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chunkSourceFile } from '../src/chunk-source-file.js';

describe('a partial that cannot be read', () => {
  let folder = '';
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('is left out where it is used, and the run says which and why', async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-partials-'));
    await writeFile(join(folder, '_broken.mdx'), 'A partial with <Unclosed JSX\n');
    await writeFile(
      join(folder, 'page.mdx'),
      "import Broken from './_broken.mdx';\n\n# Page\n\nBefore.\n\n<Broken />\n\nAfter.\n",
    );
    const result = await chunkSourceFile(
      {
        absolutePath: join(folder, 'page.mdx'),
        sourcePath: 'page.mdx',
        locale: 'en',
        version: 'current',
        pageUrl: '/docs/page',
      },
      { partialCache: new Map() },
    );
    expect(result.status).toBe('indexed');
    if (result.status !== 'indexed') return;
    expect(result.chunks.map((chunk) => chunk.text).join('\n')).toMatch(/Before\.[\s\S]*After\./);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^page\.mdx: the partial _broken\.mdx could not be read \(.+\); left out$/),
    ]);
  });
});
