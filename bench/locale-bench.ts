import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderFiles, runIndex } from '@docent/indexer';
import { LocalStore } from '@docent/retrieval';
import { readQuestions } from '../eval/src/read-questions.js';
import { measureIndexer } from './indexer-throughput.js';
import { median, percentile, round } from './statistics.js';

export type LocaleFigures = {
  /** Full index of the locale's folder, ms (median of 3), and chunks per second. */
  indexMs: number;
  chunks: number;
  chunksPerSecond: number;
  /** Store search per question in that locale, ms. */
  searchP50Ms: number;
  searchP95Ms: number;
  questions: number;
};

/**
 * Index time and search latency per locale on one site: each locale folder indexed alone with its
 * analyzer, then both indexed together and every question of that locale searched (10 rounds) with the
 * reader's locale as the filter.
 */
export async function measureLocales(
  locales: { locale: string; docs: string; questions: string }[],
): Promise<Record<string, LocaleFigures>> {
  const folder = await mkdtemp(join(tmpdir(), 'docent-bench-locales-'));
  try {
    const store = await LocalStore.open({ path: join(folder, 'site.docent') });
    const files = [];
    for (const { locale, docs } of locales)
      files.push(...(await folderFiles(docs, { baseUrl: `/${locale}/docs`, locale })).files);
    const { summary } = await runIndex({ files, store, embedder: null });
    if (summary.errors.length > 0) throw new Error(`indexing failed: ${JSON.stringify(summary.errors[0])}`);
    const figures: Record<string, LocaleFigures> = {};
    try {
      for (const { locale, docs, questions } of locales) {
        const indexed = await measureIndexer(docs, locale);
        const asked = (await readQuestions(questions)).map((question) => question.question);
        const times: number[] = [];
        for (let round = 0; round < 10; round++) {
          for (const text of asked) {
            const started = performance.now();
            await store.search({ text, filter: { locale } });
            times.push(performance.now() - started);
          }
        }
        figures[locale] = {
          indexMs: round(indexed.ms, 0),
          chunks: indexed.chunks,
          chunksPerSecond: round(indexed.chunksPerSecond, 0),
          searchP50Ms: round(median(times), 3),
          searchP95Ms: round(percentile(times, 95), 3),
          questions: asked.length,
        };
      }
    } finally {
      await store.close();
    }
    return figures;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
