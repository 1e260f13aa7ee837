import { join } from 'node:path';
import { folderFiles, runIndex, type SourceFile } from '@docent/indexer';
import type { Chunk } from '@docent/protocol';
import { type Embedder, LocalStore, type RankingSettings } from '@docent/retrieval';
import type { EvalCorpus } from './eval-corpora.js';

/** Every page of every folder of a corpus, each folder under its own locale and version. */
export async function corpusFiles(corpus: EvalCorpus): Promise<SourceFile[]> {
  const folders = await Promise.all(
    corpus.folders.map((folder) => folderFiles(join(corpus.root, folder.dir), folder)),
  );
  return folders.flatMap((folder) => folder.files);
}

/**
 * Indexes a corpus into `<folder>/eval.docent` with the indexer's own run (chunks every page, embeds them
 * when an embedder is given, publishes with the ranking settings given), and returns the open store and
 * every chunk.
 */
export async function indexCorpus(
  corpus: EvalCorpus,
  folder: string,
  options: { embedder?: Embedder; maxTokens?: number; ranking?: Partial<RankingSettings> } = {},
): Promise<{ store: LocalStore; chunks: Chunk[] }> {
  const store = await LocalStore.open({
    path: join(folder, 'eval.docent'),
    ...(options.ranking ? { ranking: options.ranking } : {}),
  });
  const { chunks, summary } = await runIndex({
    files: await corpusFiles(corpus),
    store,
    embedder: options.embedder ?? null,
    needAllChunks: true,
    ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
  });
  if (summary.errors.length > 0)
    throw new Error(`indexing ${corpus.name} failed: ${JSON.stringify(summary.errors[0])}`);
  return { store, chunks };
}
