import { describe, expect, it } from 'vitest';
import { siteLink } from './site-link.js';

describe('siteLink: the one link policy for every URL Docent emits', () => {
  it.each([
    ['/docs/deployment#docker', undefined, '/docs/deployment#docker'],
    [
      '/docs/deployment#docker',
      'https://docs.example.com/',
      'https://docs.example.com/docs/deployment#docker',
    ],
    ['https://docs.example.com/docs/a', 'https://docs.example.com', 'https://docs.example.com/docs/a'],
    ['/docs/中文', undefined, '/docs/%E4%B8%AD%E6%96%87'],
  ])('keeps %s (site %s)', (url, site, expected) => {
    expect(siteLink(url, site)).toBe(expected);
  });

  it.each([
    ['an angle destination smuggling a second link', '/docs/p#)[x](javascript:alert(1)'],
    ['a backslashed host', '/\\evil.example/reset'],
    ['a bare backslashed host', '\\evil.example/reset'],
    ['a protocol-relative host', '//evil.example/reset'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['credentials', 'https://u:p@docs.example.com/docs/a'],
    ['a foreign host', 'https://evil.example/docs/a'],
    ['a space', '/docs/a b'],
    ['a control character', '/docs/a\u0000'],
    ['a line separator', '/docs/a\u2028x'],
    ['a quote', '/docs/a"onmouseover=x'],
    ['a relative page', 'page.md'],
    ['dot segments', '/blog/../../../../elsewhere/x'],
    ['dot segments in an absolute URL', 'https://docs.example.com/docs/./a'],
  ])('refuses %s', (_, url) => {
    expect(siteLink(url, 'https://docs.example.com')).toBeNull();
  });
});
