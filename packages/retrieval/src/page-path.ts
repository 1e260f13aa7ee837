/** The path part of a chunk URL or page path, without hash, query or trailing slash: `/docs/intro`. */
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
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** Chunks of one page in their order on it: by `position`, keeping the order given where it is missing. */
export function inPageOrder<T extends { position?: number }>(chunks: readonly T[]): T[] {
  return chunks
    .map((chunk, index) => ({ chunk, index, at: chunk.position ?? index }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ chunk }) => chunk);
}
