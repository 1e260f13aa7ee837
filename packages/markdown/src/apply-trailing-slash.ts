import { createRequire } from 'node:module';

type ApplyTrailingSlash = (
  path: string,
  options: { trailingSlash: boolean | undefined; baseUrl: string },
) => string;

// `@docusaurus/utils-common` is CommonJS whose named exports Node's ES module loader does not detect.
const { applyTrailingSlash: apply } = createRequire(import.meta.url)('@docusaurus/utils-common') as {
  applyTrailingSlash: ApplyTrailingSlash;
};

/**
 * A page path with the site's `trailingSlash` applied exactly as Docusaurus applies it to its routes and
 * links (its own `applyTrailingSlash`): true adds a slash, false removes it (never from `/` or `baseUrl`),
 * undefined leaves the path as it is. `#hash` and `?query` stay after the path.
 */
export function applyTrailingSlash(
  path: string,
  options: { trailingSlash: boolean | undefined; baseUrl: string },
): string {
  return apply(path, options);
}
