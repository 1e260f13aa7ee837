import { describe, expect, it } from 'vitest';
import { blocks, safeHref } from './markdownBlocks.js';

describe('safeHref', () => {
  it.each([
    ['https://example.com/x', 'https://example.com/x'],
    ['/docs/intro#setup', '/docs/intro#setup'],
    ['#top', '#top'],
    ['javascript:alert(1)', null],
    [' JavaScript:alert(1)', null],
    ['data:text/html,hi', null],
    ['//evil.example/x', null],
    ['/\\evil.example/x', null],
    ['https://docs.example.com\\@evil.example', null],
    ['/docs/a\tb', null],
    ['vbscript:x', null],
    ['mailto:a@b.c', null],
  ])('%s -> %s', (url, expected) => {
    expect(safeHref(url)).toBe(expected);
  });
});

describe('blocks', () => {
  it('splits code, headings, lists, quotes and paragraphs, and never reads HTML', () => {
    const markdown = [
      '## Title',
      'First paragraph with <img src=x onerror=alert(1)>.',
      '',
      '- one item that is',
      '  wrapped onto a second line',
      '- two',
      '',
      '1. first',
      '2. second',
      '',
      '> quoted',
      '',
      '```js title="docusaurus.config.js"',
      'export default {};',
      '```',
    ].join('\n');
    expect(blocks(markdown)).toEqual([
      { kind: 'heading', text: 'Title' },
      { kind: 'paragraph', text: 'First paragraph with <img src=x onerror=alert(1)>.' },
      { kind: 'list', ordered: false, items: ['one item that is wrapped onto a second line', 'two'] },
      { kind: 'list', ordered: true, items: ['first', 'second'] },
      { kind: 'quote', text: 'quoted' },
      { kind: 'code', lang: 'js', title: 'docusaurus.config.js', code: 'export default {};' },
    ]);
  });

  it('keeps an unterminated code fence as code while an answer streams', () => {
    expect(blocks('Run:\n\n```bash\nnpm install')).toEqual([
      { kind: 'paragraph', text: 'Run:' },
      { kind: 'code', lang: 'bash', code: 'npm install' },
    ]);
  });
});
