import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

/** Largest source file read (default 5 MiB): a bigger page is skipped and reported, never parsed. */
export const MAX_SOURCE_BYTES = 5 * 2 ** 20;

/** A file Docent refuses to read: outside its folder (through a symlink or `..`), or over the size budget. */
export class RefusedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedFileError';
  }
}

/**
 * Whether `path`, with every symlink resolved, is `root` or inside it (`root`'s own symlinks resolved too).
 * False for a path that does not exist.
 */
export function isWithin(path: string, root: string): boolean {
  try {
    const inside = relative(realpathSync(root), realpathSync(path));
    return inside === '' || (!inside.startsWith(`..${sep}`) && inside !== '..' && !isAbsolute(inside));
  } catch {
    return false;
  }
}

/**
 * Reads a source file as UTF-8 only when it lies inside `root` once symlinks are resolved, and is at most
 * `maxBytes` long: the one read for every page, partial and import of a site (a link to `/etc/passwd` or
 * `/proc/self/environ` in the docs folder is refused). Throws `RefusedFileError` saying which rule it broke.
 */
export function readFileWithin(path: string, root: string, maxBytes = MAX_SOURCE_BYTES): string {
  if (!isWithin(path, root)) {
    throw new RefusedFileError(
      `${path} is outside ${root} once its links are resolved: not read (keep a site's pages inside its folder)`,
    );
  }
  const size = statSync(path).size;
  if (!statSync(path).isFile()) throw new RefusedFileError(`${path} is not a regular file: not read`);
  if (size > maxBytes) {
    throw new RefusedFileError(
      `${path} is ${size} bytes, over the ${maxBytes}-byte budget for one page: skipped (split the page)`,
    );
  }
  return readFileSync(path, 'utf8');
}
