/**
 * Where a page's markdown copy lives: its URL plus `.md`, or `index.md` for a URL ending in `/` (the
 * llmstxt.org convention). Shared by the build (which writes the copies) and the page actions (which link them).
 */
export function markdownTwinPath(permalink: string): string {
  const [path] = permalink.split(/[?#]/);
  return path!.endsWith('/') ? `${path}index.md` : `${path}.md`;
}

/**
 * Whether `llms.exclude` leaves a page out. Prefixes are written as in the default locale ("/docs/internal")
 * and apply in every locale: they are matched against the permalink and against its path under the
 * locale's base URL (`/fr/docs/internal` is `/docs/internal` under `/fr/`).
 */
export function isExcludedRoute(
  permalink: string,
  localeBaseUrl: string,
  prefixes: readonly string[],
): boolean {
  if (prefixes.length === 0) return false;
  const underBase = permalink.startsWith(localeBaseUrl)
    ? `/${permalink.slice(localeBaseUrl.length)}`
    : permalink;
  return prefixes.some((prefix) => matchesPrefix(permalink, prefix) || matchesPrefix(underBase, prefix));
}

function matchesPrefix(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  return prefix.endsWith('/') || path.length === prefix.length || '/.#?'.includes(path[prefix.length]!);
}

type PageActions = { copyMarkdown: boolean; viewMarkdown: boolean; openIn: readonly string[] };

/**
 * The page actions a doc page shows. The markdown copies are written at postBuild, which a development
 * server (`docusaurus start`, `NODE_ENV=development`) never runs: there, "Copy page" and "View as Markdown"
 * would fail, so they are hidden; "Open in …" stays, since it sends the deployed site's URL (`url` in the
 * site config). `nodeEnv` is `process.env.NODE_ENV` as the site's bundler defines it.
 */
export function visiblePageActions<T extends PageActions>(pageActions: T, nodeEnv: string | undefined): T {
  const built = nodeEnv === 'production';
  return {
    ...pageActions,
    copyMarkdown: pageActions.copyMarkdown && built,
    viewMarkdown: pageActions.viewMarkdown && built,
  };
}
