// `tsx --conditions=source bench/typeahead-bench.ts [count]`: search as you type at `count` synthetic chunks
// (default 100k), server time per keystroke through the real app (`GET /api/search`), alone or from `run.ts`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore } from '@docent/retrieval';
import { createApp } from '@docent/server';
import { seededRandom } from '@docent/test-support';
import { percentile, round } from './statistics.js';
import { syntheticChunks, syntheticQueries } from './synthetic-chunks.js';

export type TypeaheadFigures = {
  chunks: number;
  keystrokes: number;
  /** Server time per keystroke (`app.request`, JSON included), ms. */
  p50Ms: number;
  p95Ms: number;
  /** The same keystrokes with one typo in a long word of each query, with typo tolerance (ms)… */
  typoP50Ms: number;
  /** …and with it off, straight from the store (what tolerating typos costs). */
  typoOffP50Ms: number;
  typoOnStoreP50Ms: number;
  /** Building the sorted term list on the first keystroke after a load, ms. */
  firstKeystrokeMs: number;
};

/** Every prefix a reader types on the way to `query`, one per keystroke (from 1 character). */
export function keystrokes(query: string): string[] {
  return Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1));
}

/** One letter of the longest word of each query changed (a typo), the query then typed out in full. */
function withTypo(query: string, random: () => number): string {
  const words = query.split(' ');
  const longest = words.reduce((best, word, i) => (word.length > words[best]!.length ? i : best), 0);
  const word = words[longest]!;
  const at = 1 + Math.floor(random() * (word.length - 1));
  words[longest] = `${word.slice(0, at)}${word[at] === 'q' ? 'z' : 'q'}${word.slice(at + 1)}`;
  return `${words.join(' ')} `;
}

/** Measures search as you type at `count` chunks (see `TypeaheadFigures`). */
export async function measureTypeahead(count: number, queries = 60): Promise<TypeaheadFigures> {
  const folder = await mkdtemp(join(tmpdir(), 'docent-bench-typeahead-'));
  try {
    const path = join(folder, 'index.docent');
    const { chunks, vocabulary } = syntheticChunks(count);
    const writer = await LocalStore.open({ path });
    await writer.publish(chunks, { embedder: null, builtAt: new Date().toISOString() });
    await writer.close();
    const store = await LocalStore.open({ path });
    const app = createApp({ store, config: { rateLimit: null }, log: () => {} });
    const filter = { locale: 'en', version: 'current' };
    const time = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    const first = await time(() => store.typeahead({ text: 'w', filter }));
    const texts = syntheticQueries(vocabulary, queries).map((query) =>
      query.split(' ').slice(0, 3).join(' '),
    );
    const typed = texts.flatMap(keystrokes);
    const request = (q: string) => app.request(`/api/search?q=${encodeURIComponent(q)}&locale=en`);
    for (const q of typed.slice(0, 50)) await (await request(q)).text(); // warm-up
    const perKeystroke: number[] = [];
    for (const q of typed) perKeystroke.push(await time(async () => (await request(q)).text()));
    const random = seededRandom(7);
    const typos = texts.map((text) => withTypo(text, random));
    const typoTimes: number[] = [];
    for (const q of typos) typoTimes.push(await time(async () => (await request(q)).text()));
    const on: number[] = [];
    const off: number[] = [];
    for (const q of typos) {
      on.push(await time(() => store.typeahead({ text: q, filter })));
      off.push(await time(() => store.typeahead({ text: q, filter, typos: false })));
    }
    await store.close();
    return {
      chunks: count,
      keystrokes: typed.length,
      p50Ms: round(percentile(perKeystroke, 50), 3),
      p95Ms: round(percentile(perKeystroke, 95), 3),
      typoP50Ms: round(percentile(typoTimes, 50), 3),
      typoOnStoreP50Ms: round(percentile(on, 50), 3),
      typoOffP50Ms: round(percentile(off, 50), 3),
      firstKeystrokeMs: round(first, 0),
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 100_000);
  console.log(JSON.stringify(await measureTypeahead(count), null, 2));
}
