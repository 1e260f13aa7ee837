import { dirname } from 'node:path';
import type { MarkdownNode } from '@docent/markdown';
import { MarkdownError, RefusedFileError, readFileWithin } from '@docent/markdown';
import type { Chunk, StoredChunk } from '@docent/protocol';
import { analyzersFor, type Embedder, type IndexInfo, type Store } from '@docent/retrieval';
import { chunkSourceFile, type SourceFile } from './chunk-source-file.js';
import { type FileCache, pageFingerprint } from './file-cache.js';

export type IndexError = { path: string; line: number; column: number; message: string };

export type IndexSummary = {
  files: number;
  chunks: number;
  new: number;
  changed: number;
  unchanged: number;
  deleted: number;
  embeddingCalls: number;
  errors: IndexError[];
  warnings: string[];
  skipped: { path: string; reason: string }[];
  /** Whether the store was written (false for --dry-run and for a run that changed nothing). */
  published: boolean;
  ms: number;
};

export type RunIndexOptions = {
  files: SourceFile[];
  store: Store;
  embedder: Embedder | null;
  dryRun?: boolean;
  /** Rebuild everything (a new index, published atomically) instead of applying a change set. */
  full?: boolean;
  maxTokens?: number;
  /** Called after each file. */
  onProgress?: (done: number, total: number, path: string) => void;
  /** Notes that belong in the summary (e.g. partials indexed where included). */
  warnings?: string[];
  /** Skips parsing pages that did not change since the last run (see `FileCache`). */
  cache?: FileCache;
  /** Keep every chunk in the result even when the cache would skip its page (for --dump). */
  needAllChunks?: boolean;
  /** The site's URL (`siteConfig.url`), recorded in the index so the service can give absolute links. */
  siteUrl?: string;
  /** The docs version readers get at the docs root, recorded in the index for the service. */
  defaultVersion?: string;
  /** The site's `baseUrl`, recorded in the index (where `docent-server --static` serves the build). */
  baseUrl?: string;
};

const pageKey = (chunk: { locale: string; version: string; sourcePath: string }) =>
  `${chunk.locale}\u0000${chunk.version}\u0000${chunk.sourcePath}`;

/**
 * Indexes source files into a store, incrementally: chunks whose hash is unchanged keep their vectors
 * (no embedding call), changed and new chunks are embedded, chunks of pages that are gone are deleted.
 * A file that fails to parse is reported and its previously indexed chunks are kept. Nothing is written
 * until every file has been read and every embedding made, so a failed run leaves the index as it was.
 */
export async function runIndex(
  options: RunIndexOptions,
): Promise<{ summary: IndexSummary; chunks: Chunk[] }> {
  const started = performance.now();
  const errors: IndexError[] = [];
  const warnings: string[] = [...(options.warnings ?? [])];
  const skipped: { path: string; reason: string }[] = [];
  const failedPages = new Set<string>();
  const chunks: Chunk[] = [];
  const partialCache = new Map<string, MarkdownNode[]>();
  const previous = await options.store.snapshot();
  const previousInfo = (await options.store.stats()).info;
  const embedderId = options.embedder?.id ?? null;
  const sameEmbedder = (previousInfo?.embedder?.id ?? null) === embedderId;
  // An index analysed otherwise than this Docent analyses its locales (an older format, or another
  // analyzer version) is rebuilt whole, so pages and questions are analysed alike.
  const recorded = previousInfo?.analyzers;
  const sameAnalyzers =
    previous.size === 0 ||
    (recorded !== undefined &&
      JSON.stringify(recorded) === JSON.stringify(analyzersFor(Object.keys(recorded))));
  const full = options.full === true || previous.size === 0 || !sameEmbedder || !sameAnalyzers;
  // Pages the cache vouches for: unchanged, with every chunk still in the store. Not used when the whole
  // index is rebuilt (that needs every chunk's text) or when every chunk is wanted.
  const useCache = options.cache !== undefined && !full && !options.needAllChunks;
  const cachedIds: string[] = [];
  let done = 0;
  for (const file of options.files) {
    const key = pageKey(file);
    try {
      const source = readFileWithin(file.absolutePath, file.root ?? dirname(file.absolutePath));
      const extra = [
        typeof file.pageUrl === 'string' ? file.pageUrl : file.pageUrl({}),
        options.maxTokens ?? '',
        [...(file.knownAnchors ?? [])].sort().join(' '),
      ].join('\u0000');
      const fingerprint = options.cache
        ? await pageFingerprint(file.absolutePath, source, extra, file.root)
        : '';
      const cached = useCache ? options.cache!.lookup(key, fingerprint) : null;
      if (cached && cached.every((id) => previous.has(id))) {
        cachedIds.push(...cached);
        options.cache!.record(key, fingerprint, cached);
      } else {
        const result = await chunkSourceFile(file, {
          partialCache,
          source,
          ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
        });
        if (result.status === 'skipped') skipped.push({ path: file.sourcePath, reason: result.reason });
        else {
          chunks.push(...result.chunks);
          warnings.push(...result.warnings);
        }
        options.cache?.record(
          key,
          fingerprint,
          result.status === 'indexed' ? result.chunks.map((chunk) => chunk.id) : [],
        );
      }
    } catch (error) {
      failedPages.add(key);
      const place =
        error instanceof MarkdownError
          ? error
          : {
              line: 1,
              column: 1,
              message: error instanceof RefusedFileError ? error.message : String(error),
            };
      errors.push({ path: file.sourcePath, line: place.line, column: place.column, message: place.message });
    }
    options.onProgress?.(++done, options.files.length, file.sourcePath);
  }

  const upserts: StoredChunk[] = [];
  const reused: StoredChunk[] = [];
  let created = 0;
  let changed = 0;
  for (const chunk of chunks) {
    const before = previous.get(chunk.id);
    if (before && before.hash === chunk.hash && sameEmbedder && (!embedderId || before.vector)) {
      reused.push(before.vector ? { ...chunk, vector: before.vector } : chunk);
    } else {
      if (before) changed++;
      else created++;
      upserts.push(chunk);
    }
  }
  const current = new Set([...chunks.map((chunk) => chunk.id), ...cachedIds]);
  const deletes = [...previous]
    .filter(([id, state]) => !current.has(id) && !failedPages.has(pageKey(state)))
    .map(([id]) => id);
  const kept = [...previous].filter(([id, state]) => !current.has(id) && failedPages.has(pageKey(state)));
  if (full && kept.length > 0 && !sameEmbedder) {
    warnings.push(
      `${kept.length} chunks of files that failed to parse were dropped: the embedder changed, so their vectors no longer match.`,
    );
  }

  const before = options.embedder?.calls ?? 0;
  // The site's facts the index records (from its build, or flags) are published even when no chunk changed.
  const factsChanged =
    (previousInfo?.defaultVersion ?? null) !== (options.defaultVersion ?? null) ||
    (previousInfo?.baseUrl ?? null) !== (options.baseUrl ?? null);
  const writing = full || upserts.length > 0 || deletes.length > 0 || factsChanged;
  let published = false;
  if (!options.dryRun && writing) {
    if (options.embedder && upserts.length > 0) {
      const vectors = await options.embedder.embed(
        upserts.map((chunk) => chunk.text),
        'document',
      );
      upserts.forEach((chunk, index) => {
        chunk.vector = vectors[index]!;
      });
    }
    const info: IndexInfo = {
      embedder: options.embedder
        ? {
            id: options.embedder.id,
            // Known from the vectors at hand; asking the API is the last resort (an extra call).
            dimensions:
              upserts[0]?.vector?.length ??
              reused[0]?.vector?.length ??
              previousInfo?.embedder?.dimensions ??
              (await options.embedder.dimensions()),
          }
        : null,
      builtAt: new Date().toISOString(),
      ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
      ...(options.defaultVersion ? { defaultVersion: options.defaultVersion } : {}),
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    };
    // A full rebuild is published whole (atomically); when pages failed to parse, their old chunks can
    // only be kept by a change set, since the snapshot has their hashes but not their text.
    if (full && (kept.length === 0 || !sameEmbedder))
      await options.store.publish([...reused, ...upserts], info);
    else await options.store.applyChanges({ upserts, deletes }, info);
    published = true;
  }
  if (!options.dryRun) await options.cache?.save();

  const summary: IndexSummary = {
    files: options.files.length,
    chunks: chunks.length + cachedIds.length + kept.length,
    new: created,
    changed,
    unchanged: reused.length + cachedIds.length,
    deleted: deletes.length,
    embeddingCalls: (options.embedder?.calls ?? 0) - before,
    errors,
    warnings,
    skipped,
    published,
    ms: Math.round(performance.now() - started),
  };
  return { summary, chunks };
}
