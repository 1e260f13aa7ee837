import type { Chunk } from '@docent/protocol';
import type { SearchHit } from '@docent/retrieval';
import { describe, expect, it } from 'vitest';
import { decideDecline, declineText } from './decline.js';

function hit(url: string, headings: string[], score: number): SearchHit {
  const chunk: Chunk = {
    id: url,
    text: `${headings.join(' > ')}\n\nSome text.`,
    sourcePath: 'page.md',
    headings,
    url,
    title: headings[0]!,
    locale: 'en',
    version: 'current',
    hash: url,
  };
  return { chunk, score, coverage: 0.05 };
}

describe('a decline', () => {
  it('never lists the same page twice', () => {
    const hits = [
      hit('/docs/caf%C3%A9-guide#brewing', ['Café guide', 'Brewing'], 0.9),
      hit('/docs/café-guide#grinding', ['Café guide', 'Grinding'], 0.8),
      hit('/docs/caf%C3%A9-guide/#milk', ['Café guide', 'Milk'], 0.7),
      hit('/blog/release-2-4#whats-new', ['Release 2.4', "What's new"], 0.6),
      hit('/blog/tags/release#whats-new', ['Release 2.4', "What's new"], 0.5),
      hit('/docs/install#npm', ['Install', 'npm'], 0.4),
    ];
    const { declined, sources } = decideDecline(hits, { declineThreshold: 2, sourcesLimit: 5 });
    expect(declined).toBe(true);
    expect(sources.map((source) => source.url)).toEqual([
      '/docs/caf%C3%A9-guide#brewing',
      '/blog/release-2-4#whats-new',
      '/docs/install#npm',
    ]);
    const text = declineText(sources);
    expect(text.match(/^- \[/gm)).toHaveLength(3);
  });
});
