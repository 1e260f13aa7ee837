import { mkdtemp, readdir, readFile, readlink, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredChunk } from '@docent/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from './local-store.js';
import type { IndexInfo } from './store.js';
import { StoreError } from './store-error.js';
import { writeEnglishOnlyIndexFile, writeLegacyIndexFile } from './test-support/legacy-index-file.js';
import { sampleChunks } from './test-support/sample-chunks.js';
import { describeStoreContract } from './test-support/store-contract.js';

const folders: string[] = [];
async function freshPath(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'docent-local-'));
  folders.push(folder);
  return join(folder, 'index.docent');
}
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

const INFO: IndexInfo = { embedder: null, builtAt: '2026-01-01T00:00:00.000Z' };

let lastPath = '';
describeStoreContract('local store contract', {
  async writer() {
    lastPath = await freshPath();
    return LocalStore.open({ path: lastPath });
  },
  async reader() {
    return LocalStore.open({ path: lastPath, watch: true });
  },
  async settle(reader) {
    await (reader as LocalStore).reload();
  },
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('local store', () => {
  it('reloads by itself when the index file is replaced', async () => {
    const path = await freshPath();
    const writer = await LocalStore.open({ path });
    await writer.publish(sampleChunks(), INFO);
    const reader = await LocalStore.open({ path, watch: true });
    expect((await reader.stats()).locales).toEqual(['en']);
    await writer.publish([...sampleChunks(), ...sampleChunks({ locale: 'fr' })], INFO);
    await eventually(async () => (await reader.stats()).locales.length === 2);
    await reader.close();
  });

  it('refuses a truncated file at start-up with a message that says what to do', async () => {
    const path = await freshPath();
    const writer = await LocalStore.open({ path });
    await writer.publish(sampleChunks(), INFO);
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 40));
    const error = await LocalStore.open({ path }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('store:corrupt-index');
    expect((error as StoreError).message).toMatch(/truncated.*Re-run the indexer/s);
  });

  it('keeps serving the previous index when a corrupt replacement arrives', async () => {
    const path = await freshPath();
    const writer = await LocalStore.open({ path });
    await writer.publish(sampleChunks(), INFO);
    const reader = await LocalStore.open({ path, watch: true });
    const damaged = await readFile(path);
    // Same length, one byte changed in a chunk's text: only the checksum can tell.
    const at = damaged.indexOf('Node.js version 20') + 'Node.js version 2'.length;
    expect(at).toBeGreaterThan(100);
    damaged[at] = '1'.charCodeAt(0);
    const replacement = `${path}.incoming`;
    await writeFile(replacement, damaged);
    await rename(replacement, path);
    await reader.reload();
    const hits = await reader.search({ text: 'node version' });
    expect(hits[0]?.chunk.text).toContain('Node.js version 20');
    const health = await reader.health();
    expect(health.ok).toBe(true);
    expect(health.message).toMatch(/Serving the previous index.*checksum/);
    // Then the file is deleted: the store keeps serving, and says that, not the older refusal.
    await rm(path);
    await reader.reload();
    const gone = await reader.health();
    expect(gone.ok).toBe(true);
    expect(gone.message).toMatch(/loaded before its file was deleted \(8 chunks\).*writes .*\.docent again/);
    expect(gone.message).not.toMatch(/checksum/);
    expect((await reader.search({ text: 'node version' })).length).toBeGreaterThan(0);
    await reader.close();
  });

  it('refuses files of another format version or another kind', async () => {
    const path = await freshPath();
    await writeFile(path, '{"format":"docent-index","formatVersion":99}\n[]');
    await expect(LocalStore.open({ path })).rejects.toThrow(
      /format version 99.*reads versions 1 to 3.*Re-run the indexer/,
    );
    await writeFile(path, 'hello');
    await expect(LocalStore.open({ path })).rejects.toThrow(/no header line/);
  });

  it('refuses a file whose section table does not fit its body, though the body checksum matches', async () => {
    const path = await freshPath();
    const writer = await LocalStore.open({ path });
    await writer.publish(sampleChunks(), INFO);
    const bytes = await readFile(path);
    const newline = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8'));
    header.termCount += 1;
    // Same header length (padding absorbs it), body untouched: only the structure check can tell.
    const line = JSON.stringify(header).padEnd(newline, ' ');
    expect(line.length).toBe(newline);
    await writeFile(path, Buffer.concat([Buffer.from(line), bytes.subarray(newline)]));
    const error = await LocalStore.open({ path }).catch((caught: unknown) => caught);
    expect((error as StoreError).code).toBe('store:corrupt-index');
    expect((error as StoreError).message).toMatch(/is damaged \(.*\).*Re-run the indexer/);
  });

  it('serves a format 1 file (an older Docent) with the same results, and says to re-index', async () => {
    const chunks = sampleChunks();
    const current = await freshPath();
    const writer = await LocalStore.open({ path: current });
    await writer.publish(chunks, INFO);
    const legacy = await freshPath();
    await writeLegacyIndexFile(legacy, chunks, INFO);
    const notes: string[] = [];
    const old = await LocalStore.open({
      path: legacy,
      onReload: (event) => {
        if (event.ok && event.note) notes.push(event.note);
      },
    });
    const question = { text: 'which node version do I need', filter: { locale: 'en' } };
    expect(await old.search(question)).toEqual(await writer.search(question));
    expect(notes).toEqual([expect.stringMatching(/format 1.*re-run the indexer/)]);
    expect((await old.health()).message).toMatch(/8 chunks loaded.*format 1.*re-run the indexer/);
    // The indexer's next run reads it (incrementally) and writes format 3.
    expect((await old.snapshot()).size).toBe(chunks.length);
    await old.publish(chunks, INFO);
    expect((await readFile(legacy)).subarray(0, 60).toString()).toContain('"formatVersion":3');
    expect((await old.health()).message).not.toMatch(/format 1/);
  });

  it('serves a format 2 file with the analyzer it was built with, and says to re-index', async () => {
    const chinese = sampleChunks({ locale: 'zh' }).map((chunk, position) => ({
      ...chunk,
      text: position === 0 ? '缓存 > 清除缓存\n\n运行 tool cache clean。' : `${chunk.text}`,
      headings: position === 0 ? ['缓存', '清除缓存'] : chunk.headings,
    }));
    const old = await freshPath();
    await writeEnglishOnlyIndexFile(old, [...sampleChunks(), ...chinese], INFO);
    const header = JSON.parse((await readFile(old)).subarray(0, 2000).toString().split('\n')[0]!);
    expect(header.formatVersion).toBe(2);
    expect(header.info.analyzers).toBeUndefined();
    const notes: string[] = [];
    const reader = await LocalStore.open({
      path: old,
      onReload: (event) => {
        if (event.ok && event.note) notes.push(event.note);
      },
    });
    expect(notes).toEqual([expect.stringMatching(/format 2.*as English.*re-run the indexer/)]);
    expect((await reader.health()).message).toMatch(/format 2.*re-run the indexer/);
    // Its Chinese pages hold whole runs as terms, as the English analyzer of then read them: so do questions.
    const hits = await reader.search({ text: '清除缓存', filter: { locale: 'zh' } });
    expect(hits[0]?.chunk.headings).toEqual(['缓存', '清除缓存']);
    expect(hits[0]?.evidence?.absentWords).toEqual([]);
    const english = await reader.search({ text: 'which node version do I need', filter: { locale: 'en' } });
    expect(english[0]?.chunk.locale).toBe('en');
    await reader.close();
  });

  it('refuses an index written with an analyzer this Docent does not know, saying what to do', async () => {
    const path = await freshPath();
    const writer = await LocalStore.open({ path });
    await writer.publish(sampleChunks(), INFO);
    await writer.close();
    const bytes = await readFile(path);
    const newline = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, newline).toString());
    header.info.analyzers = { en: 'en/porter3/segmenter@9' };
    await writeFile(
      path,
      Buffer.concat([Buffer.from(JSON.stringify(header).padEnd(newline, ' ')), bytes.subarray(newline)]),
    );
    const error = await LocalStore.open({ path }).catch((caught: unknown) => caught);
    expect((error as StoreError).message).toMatch(
      /unknown analyzer "en\/porter3\/segmenter@9".*Re-run the indexer/,
    );
  });

  it('returns every chunk as written, and its vector at unit length', async () => {
    const path = await freshPath();
    const info: IndexInfo = { embedder: { id: 'toy', dimensions: 3 }, builtAt: INFO.builtAt };
    const chunks: StoredChunk[] = sampleChunks().map((chunk, position) =>
      position === 2 ? chunk : { ...chunk, vector: [position + 1, 0, 2] },
    );
    const writer = await LocalStore.open({ path });
    await writer.publish(chunks, info);
    const reader = await LocalStore.open({ path });
    const snapshot = await reader.snapshot();
    expect([...snapshot.keys()]).toEqual(chunks.map((chunk) => chunk.id));
    expect(snapshot.get(chunks[2]!.id)?.vector).toBeUndefined();
    const vector = snapshot.get(chunks[0]!.id)!.vector!;
    expect(vector.map((value) => Math.round(value * 1e6) / 1e6)).toEqual([0.447214, 0, 0.894427]);
    const hits = await reader.search({ text: chunks[5]!.text, limit: 50 });
    const found = hits.find((hit) => hit.chunk.id === chunks[5]!.id)!.chunk;
    const { vector: _vector, ...expected } = chunks[5]!;
    expect(found).toEqual(expected);
    await reader.close();
  });

  it('reads texts from the file it verified, even once that file is deleted, and releases it on reload', async () => {
    const path = await freshPath();
    const writer = await LocalStore.open({ path });
    await writer.publish(sampleChunks(), INFO);
    const reader = await LocalStore.open({ path, watch: true });
    // Handles on this index's file (replaced files show as "<path> (deleted)"), not the whole process's: other
    // work in the test process opens and closes descriptors of its own.
    const openFiles = async () => {
      let count = 0;
      for (const fd of await readdir('/proc/self/fd')) {
        const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
        if (target.startsWith(path)) count++;
      }
      return count;
    };
    const before = await openFiles();
    for (let round = 0; round < 5; round++) {
      await writer.publish(sampleChunks({ locale: round % 2 ? 'en' : 'fr' }), INFO);
      await reader.reload();
    }
    expect(before).toBeGreaterThan(0);
    expect(await openFiles()).toBeLessThanOrEqual(before);
    await unlink(path);
    const hits = await reader.search({ text: 'scaffold a new site', filter: { locale: 'fr' } });
    expect(hits[0]?.chunk.text).toContain('create-docusaurus');
    await reader.close();
  });

  it('treats a missing file as an empty, not-ready index', async () => {
    const store = await LocalStore.open({ path: await freshPath() });
    expect(await store.search({ text: 'anything' })).toEqual([]);
    expect(await store.health()).toEqual({ ok: false, message: expect.stringContaining('pnpm run index') });
  });
});
