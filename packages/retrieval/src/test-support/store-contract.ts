import { describe, expect, it } from 'vitest';
import type { IndexInfo, Store } from '../store.js';
import { sampleChunks, toyVector } from './sample-chunks.js';

export type StoreHarness = {
  /** A store that writes (the indexer's side). */
  writer(): Promise<Store>;
  /** A second store over the same index (the server's side), or the writer itself where they share state. */
  reader(writer: Store): Promise<Store>;
  /** Waits until the reader sees what the writer last published. */
  settle(reader: Store): Promise<void>;
};

const SPARSE_INFO: IndexInfo = { embedder: null, builtAt: '2026-01-01T00:00:00.000Z' };

/** The behaviour every store must have; run against `local` always and against Qdrant when one is reachable. */
export function describeStoreContract(name: string, harness: StoreHarness, options: { skip?: boolean } = {}) {
  describe.skipIf(options.skip)(name, () => {
    it('finds the section that answers a question', async () => {
      const store = await harness.writer();
      await store.publish(sampleChunks(), SPARSE_INFO);
      const hits = await store.search({ text: 'which port does the dev server use?' });
      expect(hits[0]?.chunk.url).toBe('/docs/cli#docusaurus-start');
      const exact = await store.search({ text: 'baseUrl' });
      expect(exact[0]?.chunk.url).toBe('/docs/configuration#site-metadata');
      expect(exact[0]?.coverage).toBeGreaterThan(0.9);
      await store.close();
    });

    it("reports the question words no page of the reader's locale and version contains, and how rare they are", async () => {
      const store = await harness.writer();
      await store.publish(
        [...sampleChunks(), ...sampleChunks({ locale: 'en-GB', marker: 'telemetry' })],
        SPARSE_INFO,
      );
      const english = await store.search({
        text: 'Does the development server use telemetry on its port?',
        filter: { locale: 'en', version: 'current' },
      });
      expect(english[0]?.evidence?.absentWords).toEqual(['telemetry']);
      expect(english[0]?.evidence?.absentRarity).toBeGreaterThan(0.5);
      expect(english[0]?.evidence?.absentShare).toBeGreaterThan(0);
      expect(english[0]?.evidence?.coverage).toBe(english[0]?.coverage);
      const french = await store.search({
        text: 'Does the development server use telemetry on its port?',
        filter: { locale: 'en-GB', version: 'current' },
      });
      expect(french[0]?.evidence?.absentWords).toEqual([]);
      // An everyday word the docs do not use is a reader's own wording, not a missing topic.
      const everyday = await store.search({
        text: 'Why does the development server crash on its port?',
        filter: { locale: 'en' },
      });
      expect(everyday[0]?.evidence?.absentWords).toEqual(['crash']);
      expect(everyday[0]?.evidence?.absentRarity).toBe(0);
      await store.close();
    });

    it('reads a page back in its order, whatever order it was stored in', async () => {
      const store = await harness.writer();
      await store.publish(sampleChunks().reverse(), SPARSE_INFO);
      const reader = await harness.reader(store);
      await harness.settle(reader);
      const page = await reader.page('/docs/installation#scaffold-a-project');
      expect(page.map((chunk) => chunk.headings.at(-1))).toEqual(['Requirements', 'Scaffold a project']);
      expect(page[0]).toMatchObject({ title: 'Installation', position: 0, sourcePath: 'installation.md' });
      expect(await reader.page('http://docs.example.com/docs/installation')).toHaveLength(2);
      expect(await reader.page('/docs/no-such-page')).toEqual([]);
      if (reader !== store) await reader.close();
      await store.close();
    });

    it('filters by locale and version', async () => {
      const store = await harness.writer();
      const chunks = [
        ...sampleChunks(),
        ...sampleChunks({ locale: 'fr' }),
        ...sampleChunks({ version: '2.x' }),
      ];
      await store.publish(chunks, SPARSE_INFO);
      const french = await store.search({ text: 'dark mode', filter: { locale: 'fr', version: 'current' } });
      expect(french.length).toBeGreaterThan(0);
      expect(french.every((hit) => hit.chunk.locale === 'fr' && hit.chunk.version === 'current')).toBe(true);
      const old = await store.search({ text: 'dark mode', filter: { locale: 'en', version: '2.x' } });
      expect(old.every((hit) => hit.chunk.version === '2.x' && hit.chunk.locale === 'en')).toBe(true);
      expect(await store.search({ text: 'dark mode', filter: { locale: 'de' } })).toEqual([]);
      const stats = await store.stats();
      expect(stats.locales).toEqual(['en', 'fr']);
      expect(stats.versions).toEqual(['2.x', 'current']);
      await store.close();
    });

    it('boosts the page the reader is on', async () => {
      const store = await harness.writer();
      await store.publish(sampleChunks(), SPARSE_INFO);
      // Two pages mention serving once each: a near tie that the reader's page should break.
      const neutral = await store.search({ text: 'served' });
      expect(neutral).toHaveLength(2);
      const runnerUp = neutral[1]!.chunk;
      const boosted = await store.search({ text: 'served', boostPath: `${runnerUp.url.split('#')[0]}/` });
      expect(boosted[0]?.chunk.id).toBe(runnerUp.id);
      await store.close();
    });

    it('applies an incremental change set: exactly the changed chunks are replaced', async () => {
      const store = await harness.writer();
      const original = sampleChunks();
      await store.publish(original, SPARSE_INFO);
      const before = await store.snapshot();
      const changed = {
        ...original[1]!,
        text: `${original[1]!.text} Also try pnpm create docusaurus.`,
        hash: 'changed',
      };
      await store.applyChanges({ upserts: [changed], deletes: [original[7]!.id] }, SPARSE_INFO);
      const after = await store.snapshot();
      expect(after.size).toBe(original.length - 1);
      expect(after.get(changed.id)?.hash).toBe('changed');
      expect(after.has(original[7]!.id)).toBe(false);
      for (const chunk of original.slice(2, 7)) expect(after.get(chunk.id)).toEqual(before.get(chunk.id));
      const hits = await store.search({ text: 'pnpm create' });
      expect(hits[0]?.chunk.id).toBe(changed.id);
      expect(await store.search({ text: 'Infima colour' })).toEqual([]);
      await store.close();
    });

    it('fuses dense and sparse results and keeps vectors in snapshots', async () => {
      const store = await harness.writer();
      const dimensions = 8;
      await store.publish(sampleChunks({ dimensions }), {
        embedder: { id: 'toy', dimensions },
        builtAt: SPARSE_INFO.builtAt,
      });
      // No word in common with the dark mode section; the dense vector points at it (position 7).
      const hits = await store.search({ text: 'nocturnal appearance', vector: toyVector(7, dimensions) });
      expect(hits[0]?.chunk.url).toBe('/docs/styling#dark-mode');
      const snapshot = await store.snapshot();
      expect(snapshot.get(sampleChunks()[7]!.id)?.vector?.length).toBe(dimensions);
      expect((await store.stats()).info?.embedder).toEqual({ id: 'toy', dimensions });
      await store.close();
    });

    it('lets a reader keep searching while the index is republished, never showing an error or a mix', async () => {
      const writer = await harness.writer();
      await writer.publish(sampleChunks({ marker: 'generation0' }), SPARSE_INFO);
      const reader = await harness.reader(writer);
      await harness.settle(reader);
      let searching = true;
      const seen = new Set<string>();
      let searches = 0;
      const loop = (async () => {
        while (searching) {
          const hits = await reader.search({ text: 'slash port node docusaurus', limit: 20 });
          const generations = new Set(hits.map((hit) => /generation\d+/.exec(hit.chunk.text)?.[0]));
          expect(generations.size).toBe(1);
          expect(hits.length).toBeGreaterThan(0);
          for (const generation of generations) seen.add(generation!);
          searches++;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      for (let generation = 1; generation <= 5; generation++) {
        await writer.publish(sampleChunks({ marker: `generation${generation}` }), SPARSE_INFO);
        await harness.settle(reader);
      }
      const last = seen.size;
      await new Promise((resolve) => setTimeout(resolve, 20));
      searching = false;
      await loop;
      expect(last).toBeGreaterThan(0);
      expect(searches).toBeGreaterThan(5);
      expect(seen.has('generation5')).toBe(true);
      expect(seen.size).toBeGreaterThan(1);
      await reader.close();
      await writer.close();
    });
  });
}
