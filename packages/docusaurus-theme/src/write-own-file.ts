import { writeFile } from 'node:fs/promises';

/**
 * Writes `text` to `file` unless the file is already there and `existing` is `'keep'`: then the file is left
 * as it is and `false` comes back. Docusaurus empties the build folder before building, so a file there at
 * postBuild came from `static/` or another plugin. The check and the write are one step (`wx`: create,
 * never truncate), so a plugin writing the same file at the same moment is never overwritten either.
 */
export async function writeOwnFile(
  file: string,
  text: string,
  existing: 'keep' | 'replace',
): Promise<boolean> {
  if (existing === 'replace') {
    await writeFile(file, text);
    return true;
  }
  try {
    await writeFile(file, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
