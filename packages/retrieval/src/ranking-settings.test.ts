import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredChunk } from '@docent/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from './local-store.js';
import { MemoryIndex } from './memory-index.js';
import { DEFAULT_RANKING, rankingSettings } from './ranking-settings.js';
import { searchableText } from './searchable-text.js';
import type { IndexInfo } from './store.js';

const INFO: IndexInfo = { embedder: null, builtAt: '2026-01-01T00:00:00.000Z' };

function chunk(page: string, headings: string[], body: string, position = 0): StoredChunk {
  const text = `${headings.join(' > ')}\n\n${body}`;
  const anchor = headings.at(-1)!.toLowerCase().replace(/\W+/g, '-');
  return {
    id: createHash('sha256').update(`${page}#${anchor}`).digest('hex').slice(0, 32),
    text,
    sourcePath: `${page}.md`,
    headings,
    url: `/docs/${page}#${anchor}`,
    title: headings[0]!,
    locale: 'en',
    version: 'current',
    hash: createHash('sha256').update(text).digest('hex'),
    position,
  };
}

const filler = [
  chunk('install', ['Install', 'Requirements'], 'Node 20 or above and a package manager.'),
  chunk('deploy', ['Deploy', 'Static hosts'], 'Upload the build folder to any static host.'),
  chunk('theme', ['Theme', 'Colors'], 'Pick the primary color in the stylesheet.'),
];

// A section named after the question (its heading says "Proxy") against one that mentions the word often.
const named = chunk('network', ['Network', 'Proxy'], 'Set the address and the port in the settings file.');
const mentions = chunk(
  'faq',
  ['FAQ', 'Slow installs'],
  'A slow proxy, a proxy that drops connections, or a proxy with a small cache all slow installs down.',
);

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('ranking settings', () => {
  it('lays the settings given over the defaults and names the one out of range', () => {
    expect(rankingSettings()).toEqual(DEFAULT_RANKING);
    expect(rankingSettings({ k1: 2 })).toEqual({ ...DEFAULT_RANKING, k1: 2 });
    expect(rankingSettings({ k1: undefined, b: 0.5 })).toEqual({ ...DEFAULT_RANKING, b: 0.5 });
    expect(() => rankingSettings({ k1: 0 })).toThrow(/ranking\.k1 must be a finite number above 0; got 0/);
    expect(() => rankingSettings({ k1: Number.POSITIVE_INFINITY })).toThrow(/ranking\.k1/);
    expect(() => rankingSettings({ pagePrior: Number.POSITIVE_INFINITY })).toThrow(/ranking\.pagePrior/);
    expect(() => rankingSettings({ headingRepeats: 1e7 })).toThrow(
      /ranking\.headingRepeats must be a whole number from 0 to 10/,
    );
    expect(() => rankingSettings({ b: 1.5 })).toThrow(/ranking\.b must be a number from 0 to 1/);
    expect(() => rankingSettings({ pagePrior: -0.1 })).toThrow(/ranking\.pagePrior/);
    expect(() => rankingSettings({ headingRepeats: 1.5 })).toThrow(
      /ranking\.headingRepeats must be a whole number/,
    );
    expect(() => rankingSettings({ k1: Number.NaN })).toThrow(RangeError);
  });

  it('repeats the heading and page title as many times as asked in the searchable text', () => {
    expect(searchableText(named, 0)).toBe(named.text);
    expect(searchableText(named)).toBe(`${named.text}\nProxy\nNetwork`);
    expect(searchableText(named, 2)).toBe(`${named.text}\nProxy\nNetwork\nProxy\nNetwork`);
  });

  it('ranks a section named after the question above passing mentions only with a heading weight', async () => {
    const chunks = [...filler, named, mentions];
    const top = async (headingRepeats: number) =>
      (await MemoryIndex.fromChunks(chunks, INFO, { headingRepeats })).search({ text: 'proxy', limit: 2 })[0]!
        .chunk.url;
    expect(await top(0)).toBe(mentions.url);
    expect(await top(2)).toBe(named.url);
  });

  it('lifts a section by its page’s best match as much as the page prior says', async () => {
    const strong = chunk(
      'storage',
      ['Storage', 'Stale entries'],
      'Stale entries stay stale until a stale check.',
    );
    const weak = chunk('storage', ['Storage', 'Cleaning up'], 'Remove stale files now and then.', 1);
    const elsewhere = chunk('upgrade', ['Upgrade', 'Cleaning up'], 'Remove stale files now and then.');
    const chunks = [...filler, strong, weak, elsewhere];
    const scores = async (pagePrior: number) => {
      const hits = (await MemoryIndex.fromChunks(chunks, INFO, { pagePrior })).search({
        text: 'stale',
        limit: 5,
      });
      const score = (url: string) => hits.find((hit) => hit.chunk.url === url)!.score;
      return { weak: score(weak.url), elsewhere: score(elsewhere.url), strong: score(strong.url) };
    };
    const none = await scores(0);
    expect(none.weak).toBeCloseTo(none.elsewhere, 12);
    // Each gains half its page's best score: its own page's strong section, or itself on the other page.
    const prior = await scores(0.5);
    expect(prior.weak - prior.elsewhere).toBeCloseTo(0.5 * (none.strong - none.elsewhere), 9);
    expect(prior.weak).toBeGreaterThan(prior.elsewhere);
  });

  it('a local store refuses settings out of range and writes its heading weight into the indexes it publishes', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'docent-ranking-'));
    folders.push(folder);
    const path = join(folder, 'index.docent');
    await expect(LocalStore.open({ path, ranking: { b: 2 } })).rejects.toThrow(/ranking\.b/);
    const writer = await LocalStore.open({ path, ranking: { headingRepeats: 0 } });
    await writer.publish([...filler, named, mentions], INFO);
    expect((await writer.search({ text: 'proxy', limit: 1 }))[0]!.chunk.url).toBe(mentions.url);
    await writer.close();
    // The weight is in the file: a store with the default settings serves the index as it was written.
    const reader = await LocalStore.open({ path });
    expect((await reader.search({ text: 'proxy', limit: 1 }))[0]!.chunk.url).toBe(mentions.url);
    await reader.close();
  });
});
