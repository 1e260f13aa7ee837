/**
 * What a URL Docent writes may hold once non-ASCII characters are percent-encoded: RFC 3986's unreserved and
 * reserved characters and `%`, minus those markdown or HTML read as syntax around a link (`( ) [ ] < > ' "`,
 * the backtick, the backslash, whitespace and control characters).
 */
const LINK_CHARACTERS = /^[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+$/;

/**
 * The one link policy for every URL Docent emits (chat answers and sources, the MCP tools, the report,
 * llms.txt): `url` as a link on the site, or `null` when it must not be one.
 *
 * - Root-relative (`/docs/page#anchor`): kept, or resolved against `siteUrl` when one is given. Never
 *   protocol-relative (`//host`) or backslashed (`/\host`, `\host`), which browsers send to another host.
 * - Absolute: `http:` or `https:` only (never `javascript:`, `data:`...), without user name or password, and
 *   on `siteUrl`'s origin when one is given.
 * - Anything else (a bare `page.md`, a scheme-less host, dot segments such as `/blog/../../x`) is `null`.
 *
 * Non-ASCII characters are percent-encoded (`/docs/中文` -> `/docs/%E4%B8%AD%E6%96%87`); a URL that still holds
 * a character outside `LINK_CHARACTERS` is `null`, so a destination can never close early in markdown
 * (`</docs/p#)[x](javascript:…>`) or HTML.
 */
export function siteLink(url: string, siteUrl?: string): string | null {
  let encoded: string;
  try {
    encoded = url.replace(/[^\x20-\x7e]+/g, (run) =>
      /[\p{Cc}\p{Zs}\p{Zl}\p{Zp}\p{Cf}]/u.test(run) ? '\\' : encodeURIComponent(run),
    );
  } catch {
    return null; // A lone surrogate.
  }
  if (!LINK_CHARACTERS.test(encoded)) return null;
  // Dot segments (`/blog/../../elsewhere/x`) name another page than the one they seem to: never a link.
  if (/(?:^|\/)\.{1,2}(?:\/|[?#]|$)/.test(encoded.replace(/^[a-z]+:\/\/[^/]*/i, ''))) return null;
  const site = siteUrl ? parseUrl(siteUrl) : null;
  if (encoded.startsWith('/')) {
    if (encoded.startsWith('//')) return null;
    if (!site) return encoded;
    const resolved = parseUrl(encoded, site.href);
    return resolved?.origin === site.origin ? resolved.href : null;
  }
  const parsed = parseUrl(encoded);
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return null;
  if (parsed.username || parsed.password) return null;
  if (site && parsed.origin !== site.origin) return null;
  return encoded;
}

function parseUrl(url: string, base?: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}
