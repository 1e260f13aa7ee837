import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export type RotatingFileOptions = {
  path: string;
  /** Size at which the file is rotated. */
  maxBytes: number;
  /** Rotated files kept: `<path>.1` (newest) to `<path>.<keep>`; older ones are deleted. */
  keep: number;
};

/**
 * A file appended to and rotated by size, so it never grows without bound: at most `keep + 1` files of about
 * `maxBytes`. Callers make one append at a time.
 */
export class RotatingFile {
  private size: number | null = null;

  constructor(readonly options: RotatingFileOptions) {}

  async append(text: string): Promise<void> {
    const { path, maxBytes, keep } = this.options;
    if (this.size === null) {
      await mkdir(dirname(path), { recursive: true });
      this.size = await stat(path).then(
        (info) => info.size,
        () => 0,
      );
    }
    const bytes = Buffer.byteLength(text);
    if (this.size > 0 && this.size + bytes > maxBytes) {
      await rm(`${path}.${keep}`, { force: true });
      for (let generation = keep - 1; generation >= 1; generation--) {
        await rename(`${path}.${generation}`, `${path}.${generation + 1}`).catch(() => {});
      }
      await rename(path, `${path}.1`);
      this.size = 0;
    }
    await appendFile(path, text);
    this.size += bytes;
  }
}
