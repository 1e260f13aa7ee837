import { type FSWatcher, watch } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Chunk, StoredChunk } from '@docent/protocol';
import { readIndexFile, writeIndexFile } from './index-file.js';
import { ENGLISH_ONLY_INDEX_FORMAT_VERSION, IndexImage } from './index-image.js';
import { DEFAULT_PAGE_BOOST, MemoryIndex } from './memory-index.js';
import { packIndex } from './pack-index.js';
import { type RankingSettings, rankingSettings } from './ranking-settings.js';
import type {
  ChangeSet,
  ChunkState,
  IndexInfo,
  SearchHit,
  SearchQuery,
  Store,
  StoreHealth,
  StoreStats,
  TypeaheadHit,
  TypeaheadQuery,
} from './store.js';
import { StoreError } from './store-error.js';

export type LocalStoreOptions = {
  /** Path of the index file. It need not exist yet (the indexer creates it). */
  path: string;
  /** Reload when the file is replaced (the server sets this; the indexer does not). */
  watch?: boolean;
  pageBoost?: number;
  /**
   * The ranking's fitted settings (BM25's k1 and b, the page prior, the heading field weight), for fitting
   * them (`pnpm run eval -- --fit-retrieval`); leave it out to get the shipped values. `headingRepeats`
   * applies to the indexes this store writes. A setting out of range throws a `RangeError` from `open`.
   */
  ranking?: Partial<RankingSettings>;
  /**
   * IVF lists the dense search scans at least per question, when the index has them (indexes of 4,096
   * vectors or more): more is closer to the exact ranking and slower. Default 16.
   */
  ivfProbes?: number;
  /** Told of every reload attempt, e.g. to log it; `note` says what the site owner should do (re-index). */
  onReload?: (
    event: { ok: true; chunks: number; ms: number; note?: string } | { ok: false; error: Error },
  ) => void;
};

const LEGACY_NOTE =
  'The index file has format 1 (an older Docent), which loads slowly; re-run the indexer (`pnpm run index`) to write format 3';
const ENGLISH_ONLY_NOTE =
  'The index file has format 2 (an older Docent), which analysed pages in every language as English; re-run the indexer (`pnpm run index`) to write format 3, with an analyzer per language';

type FileIdentity = { inode: number; size: number; modified: number };

/**
 * The embedded store: one index file held in memory as written (typed arrays, see `index-image.ts`).
 * Searches run against an immutable `MemoryIndex`; a reload opens a new one off to the side and swaps the
 * reference, so a search sees either the old index or the new one. A damaged replacement is refused and
 * the old index keeps serving. A format 1 file (Docent 0.1) is still served, packed in memory at load, with
 * a note in `/readyz` to re-run the indexer.
 */
export class LocalStore implements Store {
  readonly kind = 'local';
  private current: MemoryIndex | null = null;
  private loadedFrom: FileIdentity | null = null;
  private lastError: Error | null = null;
  private note: string | null = null;
  private fileGone = false;
  private watcher: FSWatcher | null = null;
  private reloadTimer: NodeJS.Timeout | null = null;
  private reloading: Promise<void> = Promise.resolve();

  private readonly ranking: RankingSettings;

  private constructor(private readonly options: LocalStoreOptions) {
    this.ranking = rankingSettings(options.ranking);
  }

  /** Opens the store; a missing file is an empty index, a damaged one is an error. */
  static async open(options: LocalStoreOptions): Promise<LocalStore> {
    const store = new LocalStore(options);
    const identity = await fileIdentity(options.path);
    if (identity) await store.load(identity, true);
    if (options.watch) {
      await mkdir(dirname(options.path), { recursive: true });
      store.startWatching();
    }
    return store;
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    const index = this.current;
    if (!index) return [];
    return index.search(query, this.options.pageBoost ?? DEFAULT_PAGE_BOOST, this.options.ivfProbes);
  }

  async typeahead(query: TypeaheadQuery): Promise<TypeaheadHit[]> {
    return this.current?.typeahead(query) ?? [];
  }

  async page(path: string): Promise<Chunk[]> {
    return this.current?.page(path) ?? [];
  }

  async publish(chunks: StoredChunk[], info: IndexInfo): Promise<void> {
    const packed = await packIndex(chunks, info, { headingRepeats: this.ranking.headingRepeats });
    await writeIndexFile(this.options.path, packed);
    // Serve exactly the bytes just written, as a reload of the file would.
    this.replace(await MemoryIndex.open(new IndexImage(packed.header, packed.body), this.ranking));
    this.loadedFrom = await fileIdentity(this.options.path);
    this.lastError = null;
    this.note = null;
  }

  async applyChanges(changes: ChangeSet, info: IndexInfo): Promise<void> {
    const removed = new Set([...changes.deletes, ...changes.upserts.map((chunk) => chunk.id)]);
    const kept: StoredChunk[] = [];
    for (const chunk of this.current?.image.storedChunks() ?? [])
      if (!removed.has(chunk.id)) kept.push(chunk);
    await this.publish([...kept, ...changes.upserts], info);
  }

  async snapshot(): Promise<Map<string, ChunkState>> {
    const states = new Map<string, ChunkState>();
    for (const chunk of this.current?.image.storedChunks() ?? []) {
      const { hash, sourcePath, locale, version, vector } = chunk;
      states.set(
        chunk.id,
        vector ? { hash, sourcePath, locale, version, vector } : { hash, sourcePath, locale, version },
      );
    }
    return states;
  }

  async stats(): Promise<StoreStats> {
    const index = this.current;
    return {
      chunks: index?.size ?? 0,
      locales: index?.locales ?? [],
      versions: index?.versions ?? [],
      info: index?.info ?? null,
    };
  }

  async health(): Promise<StoreHealth> {
    if (!this.current) {
      const reason = this.lastError ? this.lastError.message : `No index at ${this.options.path} yet.`;
      return { ok: false, message: `${reason} Run \`pnpm run index\` to create it.` };
    }
    const message = this.fileGone
      ? `Serving the index loaded before its file was deleted (${this.current.size} chunks); the next indexer run writes ${basename(this.options.path)} again`
      : this.lastError
        ? `Serving the previous index (${this.current.size} chunks); the replacement was refused: ${this.lastError.message}`
        : `${this.current.size} chunks loaded from ${this.options.path}`;
    return { ok: true, message: this.note ? `${message}. ${this.note}` : message };
  }

  /** Loads the file again if it changed since the last load. Resolves once the attempt is over. */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(async () => {
      const identity = await fileIdentity(this.options.path);
      // A deleted file: keep serving what is loaded, and say so (not an older, unrelated message).
      this.fileGone = identity === null && this.current !== null;
      if (!identity || sameFile(identity, this.loadedFrom)) return;
      await this.load(identity, false);
    });
    return this.reloading;
  }

  async close(): Promise<void> {
    this.watcher?.close();
    this.watcher = null;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    await this.reloading;
    await this.current?.image.close();
  }

  /**
   * Swaps in a new index and releases the old one's file. Searches are synchronous once they start, so
   * none is still reading the old file when it closes.
   */
  private replace(index: MemoryIndex): void {
    const previous = this.current;
    this.current = index;
    if (previous && previous !== index) void previous.image.close();
  }

  private async load(identity: FileIdentity, throwOnError: boolean): Promise<void> {
    const started = performance.now();
    try {
      const file = await readIndexFile(this.options.path);
      let image: IndexImage;
      let note: string | null = null;
      if (file.kind === 'legacy') {
        const packed = await packIndex(file.chunks, file.info, {
          headingRepeats: this.ranking.headingRepeats,
        });
        image = new IndexImage(packed.header, packed.body);
        note = LEGACY_NOTE;
      } else {
        image = file.image;
        if (image.header.formatVersion === ENGLISH_ONLY_INDEX_FORMAT_VERSION) note = ENGLISH_ONLY_NOTE;
      }
      const opened = await MemoryIndex.open(image, this.ranking).catch(async (cause: unknown) => {
        await image.close();
        const message = (cause as Error).message;
        throw new StoreError(
          'store:corrupt-index',
          message.startsWith('unknown analyzer')
            ? `The index file ${this.options.path} was written by another Docent: ${message}. Re-run the indexer (\`pnpm run index\`) with this Docent, or run the Docent that wrote it.`
            : `The index file ${this.options.path} is damaged (${message}). Re-run the indexer (\`pnpm run index\`) to write it again.`,
          { cause },
        );
      });
      this.replace(opened);
      this.loadedFrom = identity;
      this.lastError = null;
      this.note = note;
      const ms = Math.round(performance.now() - started);
      this.options.onReload?.({ ok: true, chunks: image.size, ms, ...(note ? { note } : {}) });
    } catch (cause) {
      const error =
        cause instanceof StoreError
          ? cause
          : new StoreError(
              'store:corrupt-index',
              `Could not read the index file ${this.options.path}: ${String(cause)}`,
              {
                cause,
              },
            );
      this.lastError = error;
      this.loadedFrom = identity;
      this.options.onReload?.({ ok: false, error });
      if (throwOnError) throw error;
    }
  }

  private startWatching(): void {
    const name = basename(this.options.path);
    // Watch the folder: replacing the file by rename gives it a new inode, which a file watch would miss.
    this.watcher = watch(dirname(this.options.path), (_event, file) => {
      if (file !== name) return;
      if (this.reloadTimer) clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => void this.reload(), 25);
    });
    this.watcher.unref();
  }
}

async function fileIdentity(path: string): Promise<FileIdentity | null> {
  try {
    const info = await stat(path);
    return { inode: info.ino, size: info.size, modified: info.mtimeMs };
  } catch {
    return null;
  }
}

function sameFile(a: FileIdentity, b: FileIdentity | null): boolean {
  return b !== null && a.inode === b.inode && a.size === b.size && a.modified === b.modified;
}
