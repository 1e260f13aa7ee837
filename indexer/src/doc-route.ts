/** Docusaurus's number prefix: `01-intro.md`, `2. guides/` (the prefix is dropped from ids and URLs). */
const NUMBER_PREFIX = /^\d+\s*[-_.]+\s*(?=[^-_.\s])/;

export function stripNumberPrefix(name: string): string {
  return name.replace(NUMBER_PREFIX, '');
}

function joinUrl(base: string, path: string): string {
  const cleanBase = base.replace(/\/+$/, '');
  const cleanPath = path.replace(/^\/+/, '');
  return cleanPath ? `${cleanBase}/${cleanPath}` : `${cleanBase}/`;
}

/**
 * The URL Docusaurus gives a doc in folder mode: number prefixes dropped; front matter `slug` (absolute,
 * or relative to the file's folder) wins; else front matter `id` replaces the file name; `index`,
 * `README` and a file named like its folder (category index) take the folder's URL.
 */
export function docRoute(
  relativePath: string,
  frontMatter: Record<string, unknown>,
  baseUrl: string,
): string {
  const segments = relativePath.split('/');
  const fileName = segments.pop()!;
  const folders = segments.map(stripNumberPrefix);
  const name = stripNumberPrefix(fileName.replace(/\.mdx?$/i, ''));
  const slug = typeof frontMatter.slug === 'string' ? frontMatter.slug.trim() : undefined;
  if (slug) {
    return joinUrl(baseUrl, slug.startsWith('/') ? slug : [...folders, slug].join('/'));
  }
  const id = typeof frontMatter.id === 'string' ? frontMatter.id : name;
  const isIndex = /^(index|readme)$/i.test(name) || (folders.length > 0 && name === folders.at(-1));
  return joinUrl(baseUrl, (isIndex ? folders : [...folders, id]).join('/'));
}
