import { isAbsolute, join, relative, sep } from 'node:path';

/** A doc's `source` (`@site/docs/x.md`, or absolute) as a path relative to the site, with forward slashes. */
export function siteRelative(siteDir: string, source: string): string {
  const path = source.startsWith('@site/')
    ? source.slice('@site/'.length)
    : isAbsolute(source)
      ? relative(siteDir, source)
      : source;
  return path.split(sep).join('/');
}

/**
 * A site-relative source path relative to the first content folder that holds it (the version's localized
 * folder, then its own): what relative `.md` links are written against. Unchanged when none holds it.
 */
export function contentRelative(siteDir: string, sourcePath: string, roots: (string | undefined)[]): string {
  const absolute = join(siteDir, sourcePath);
  for (const root of roots) {
    if (!root) continue;
    const inside = relative(root, absolute);
    if (!inside.startsWith('..') && !isAbsolute(inside)) return inside.split(sep).join('/');
  }
  return sourcePath;
}
