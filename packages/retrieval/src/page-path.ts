/**
 * The path part of a chunk URL or page path, without hash, query or trailing slash, and percent-decoded:
 * `/docs/intro`, `/docs/café-guide`. The one normalisation every comparison of page paths uses (the store's
 * page keys, `read_page`, the current-page boost, citation checks), so the URL a browser or `search_docs`
 * sends encoded (`/docs/caf%C3%A9-guide`) and the permalink Docusaurus gave (`/docs/café-guide`) match, with
 * or without the trailing slash of `trailingSlash: true`. A malformed escape is kept as written.
 */
export function pagePath(url: string): string {
  let path = url;
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  if (/^https?:\/\//.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      // keep as is
    }
  }
  try {
    path = decodeURI(path);
  } catch {
    // a malformed escape: compare as written
  }
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** Chunks of one page in their order on it: by `position`, keeping the order given where it is missing. */
export function inPageOrder<T extends { position?: number }>(chunks: readonly T[]): T[] {
  return chunks
    .map((chunk, index) => ({ chunk, index, at: chunk.position ?? index }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ chunk }) => chunk);
}
