import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenApiValidator, QDRANT_OPENAPI, RecordingQdrant } from '@docent/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('docent-index --store qdrant (against a recording stand-in, requests checked against the OpenAPI document)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('publishes a full build behind an alias, skips a no-op run, then applies only the change set', async () => {
    const qdrant = await new RecordingQdrant().start();
    cleanups.push(() => qdrant.stop());
    const folder = await mkdtemp(join(tmpdir(), 'docent-qdrant-cli-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const docs = join(folder, 'docs');
    await mkdir(docs);
    await writeFile(join(docs, 'a.md'), '# A\n\n## One\n\nFirst section.\n\n## Two\n\nSecond section.\n');
    await writeFile(join(docs, 'b.md'), '# B\n\nAnother page.\n');
    const args = [
      '--docs',
      docs,
      '--base-url',
      '/docs',
      '--store',
      'qdrant',
      '--qdrant-url',
      qdrant.url,
      '--collection',
      'site',
    ];
    const cacheArgs = ['--cache', join(folder, 'qdrant.cache'), '--json', join(folder, 's.json'), '--quiet'];
    const summary = async () => JSON.parse(await readFile(join(folder, 's.json'), 'utf8'));

    expect((await runCli([...args, ...cacheArgs])).code).toBe(0);
    expect(await summary()).toMatchObject({ new: 3, published: true });
    const first = qdrant.aliasTarget('site');
    expect(first).toMatch(/^site-/);

    const writes = qdrant.requests.length;
    expect((await runCli([...args, ...cacheArgs])).code).toBe(0);
    expect(await summary()).toMatchObject({ new: 0, changed: 0, unchanged: 3, published: false });
    expect(
      qdrant.requests
        .slice(writes)
        .every((request) => request.method === 'GET' || /\/(scroll|facet)$/.test(request.url)),
    ).toBe(true);

    await writeFile(join(docs, 'a.md'), '# A\n\n## One\n\nFirst section, edited.\n');
    expect((await runCli([...args, ...cacheArgs])).code).toBe(0);
    expect(await summary()).toMatchObject({ changed: 1, deleted: 1, unchanged: 1 });
    expect(qdrant.aliasTarget('site')).toBe(first);

    const validator = new OpenApiValidator(fileURLToPath(QDRANT_OPENAPI));
    const problems = qdrant.requests
      .map((request) => validator.check(request.method, request.url, request.body))
      .filter((check) => check.errors.length > 0);
    expect(problems).toEqual([]);
  });
});
