import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isWithin } from '@docent/markdown';

const CACHE_FORMAT = 2; // 2: chunks carry their position on the page (their hashes changed)
const IMPORT_PARTIAL = /import\s+\w+\s+from\s+['"]([^'"]+\.mdx?)['"]/g;

type Entry = { fingerprint: string; chunkIds: string[] };

/**
 * Remembers, per page, a fingerprint of everything its chunks depend on (its text, the partials it
 * includes, its URL, its known anchors, the chunking settings) and the ids of the chunks it produced. A
 * page whose fingerprint is unchanged, and whose chunks are all still in the store, is not parsed again:
 * this is what keeps a no-op re-run fast. Lost or stale, the cache only costs time, never correctness.
 */
export class FileCache {
  private entries = new Map<string, Entry>();
  private readonly next = new Map<string, Entry>();

  constructor(
    readonly path: string,
    private readonly settings: string,
  ) {}

  async load(): Promise<void> {
    try {
      const data = JSON.parse(await readFile(this.path, 'utf8')) as {
        format: number;
        settings: string;
        entries: Record<string, Entry>;
      };
      if (data.format === CACHE_FORMAT && data.settings === this.settings)
        this.entries = new Map(Object.entries(data.entries));
    } catch {
      this.entries = new Map();
    }
  }

  /** The chunk ids a page produced last time, if nothing it depends on has changed. */
  lookup(key: string, fingerprint: string): string[] | null {
    const entry = this.entries.get(key);
    return entry && entry.fingerprint === fingerprint ? entry.chunkIds : null;
  }

  record(key: string, fingerprint: string, chunkIds: string[]): void {
    this.next.set(key, { fingerprint, chunkIds });
  }

  /** Writes what this run recorded (pages not seen this run are forgotten), atomically. */
  async save(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(
      temporary,
      JSON.stringify({
        format: CACHE_FORMAT,
        settings: this.settings,
        entries: Object.fromEntries(this.next),
      }),
    );
    await rename(temporary, this.path);
  }
}

/** A page's fingerprint: its text, the text of the partials it imports, and what else shapes its chunks. */
export async function pageFingerprint(
  filePath: string,
  source: string,
  extra: string,
  root = dirname(filePath),
): Promise<string> {
  const hash = createHash('sha256').update(source).update('\u0000').update(extra);
  for (const match of source.matchAll(IMPORT_PARTIAL)) {
    const path = resolve(dirname(filePath), match[1]!);
    // A partial outside the site folder is never read (the page then reports it).
    const partial = isWithin(path, root) ? await readFile(path, 'utf8').catch(() => '') : '';
    hash.update('\u0000').update(partial);
  }
  return hash.digest('hex');
}
