import { pageMarkdown, parseMarkdown } from '@docent/markdown';
import type { LoadedPlugin } from '@docusaurus/types';
import { describe, expect, it } from 'vitest';
import { siteOutline } from './docs-outline.js';

describe('blog posts in the outline', () => {
  it('carry their date and authors into their markdown copy', () => {
    const plugins = [
      {
        name: 'docusaurus-plugin-content-blog',
        content: {
          blogPosts: [
            {
              metadata: {
                source: '@site/blog/2024-05-01-widgets.md',
                permalink: '/blog/widgets',
                title: 'Widgets 2.4',
                date: new Date('2024-05-01T00:00:00Z'),
                authors: [{ name: 'Ada Lovelace', key: 'ada' }, { key: 'grace' }],
              },
            },
          ],
        },
      },
    ] as unknown as LoadedPlugin[];
    const [post] = siteOutline('/site', plugins).blog;
    expect(post!.byline).toBe('Published 2024-05-01 by Ada Lovelace and grace');
    const markdown = pageMarkdown(parseMarkdown('The gauge widget is here.\n', '.md'), {
      fallbackTitle: post!.title,
      url: 'https://docs.example.com/blog/widgets',
      resolveUrl: () => null,
      byline: post!.byline!,
    });
    expect(markdown).toMatch(
      /^# Widgets 2\.4\n\nPublished 2024-05-01 by Ada Lovelace and grace\n\nSource: .*\n\nThe gauge widget is here\.\n$/,
    );
  });
});
