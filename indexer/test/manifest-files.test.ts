import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestFiles } from '../src/manifest-files.js';

describe('manifestFiles', () => {
  let site = '';
  afterAll(async () => {
    if (site) await rm(site, { recursive: true, force: true });
  });

  it('indexes the locales it can read, and says why each other one is left out', async () => {
    site = await mkdtemp(join(tmpdir(), 'docent-manifests-'));
    const manifest = {
      manifestVersion: 1,
      siteUrl: 'https://docs.example.com',
      baseUrl: '/',
      defaultLocale: 'en',
      locales: ['en', 'fr', 'de'],
      routes: [],
    };
    await mkdir(join(site, 'build', 'fr'), { recursive: true });
    await writeFile(join(site, 'build', 'docent-manifest.json'), JSON.stringify(manifest));
    await writeFile(join(site, 'build', 'fr', 'docent-manifest.json'), '{"manifestVersion": 1,');
    const { manifests, notes } = await manifestFiles(site);
    expect(manifests).toHaveLength(1);
    expect(notes).toEqual([
      expect.stringMatching(
        /^locale fr: not indexed: .*fr\/docent-manifest\.json is not valid JSON: rebuild the site/,
      ),
      'locale de: no de/docent-manifest.json in the build (was it built?); not indexed',
    ]);
  });
});
