import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from './local-store.js';
import type { IndexInfo } from './store.js';
import { StoreError } from './store-error.js';
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
    const good = await readFile(path, 'utf8');
    // Same length, one byte flipped in the body: only the checksum can tell.
    const damaged = good.replace('Node.js version 20', 'Node.js version 21');
    const replacement = `${path}.incoming`;
    await writeFile(replacement, damaged);
    await rename(replacement, path);
    await reader.reload();
    const hits = await reader.search({ text: 'node version' });
    expect(hits[0]?.chunk.text).toContain('Node.js version 20');
    const health = await reader.health();
    expect(health.ok).toBe(true);
    expect(health.message).toMatch(/Serving the previous index.*checksum/);
    await reader.close();
  });

  it('refuses files of another format version or another kind', async () => {
    const path = await freshPath();
    await writeFile(path, '{"format":"docent-index","formatVersion":99}\n[]');
    await expect(LocalStore.open({ path })).rejects.toThrow(/format version 99/);
    await writeFile(path, 'hello');
    await expect(LocalStore.open({ path })).rejects.toThrow(/no header line/);
  });

  it('treats a missing file as an empty, not-ready index', async () => {
    const store = await LocalStore.open({ path: await freshPath() });
    expect(await store.search({ text: 'anything' })).toEqual([]);
    expect(await store.health()).toEqual({ ok: false, message: expect.stringContaining('pnpm run index') });
  });
});
