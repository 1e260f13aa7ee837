import type { Chunk } from '@docent/protocol';
import { pagePath } from '@docent/retrieval';
import type { LinkPolicy } from './safe-markdown.js';

/**
 * Links an answer may keep: to a page among its sources, either root-relative (`/docs/deployment#docker`) or
 * absolute on one of the site's own origins (those of absolute source URLs, and the configured allowed
 * origins). A foreign host is refused even when its path matches a source page
 * (`https://evil.example/docs/deployment?steal=1`), and so are protocol-relative and backslash forms
 * (`//evil.example`, `/\evil.example`) that browsers resolve to another host.
 */
export function sourceLinkPolicy(
  sources: readonly Chunk[],
  allowedOrigins: readonly string[] | '*',
): LinkPolicy {
  const pages = new Set(sources.map((source) => pagePath(source.url)));
  const origins = new Set(allowedOrigins === '*' ? [] : allowedOrigins);
  for (const source of sources) {
    if (/^https?:\/\//i.test(source.url)) origins.add(new URL(source.url).origin);
  }
  return (url) => {
    // Whitespace, control characters and backslashes have no place in a link Docent writes.
    if (/[\s\\\p{Cc}]/u.test(url)) return false;
    if (url.startsWith('/')) return !url.startsWith('//') && pages.has(pagePath(url));
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
    if (parsed.username || parsed.password) return false;
    return (
      origins.has(parsed.origin) &&
      (pages.has(pagePath(url)) || pages.has(parsed.pathname.replace(/\/+$/, '')))
    );
  };
}
