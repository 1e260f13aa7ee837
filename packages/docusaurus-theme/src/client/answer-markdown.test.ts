import { describe, expect, it } from 'vitest';
import { answerBlocks, safeHref } from './answer-markdown.js';

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

describe('answerBlocks (CommonMark + GFM through marked, never HTML)', () => {
  it('reads headings, paragraphs with citations, nested lists, quotes and titled code', () => {
    const blocks = answerBlocks(
      [
        '## Set up',
        'Install it **first** [1], then `run <it>` [2].',
        '',
        '- one',
        '  - nested',
        '- [x] done',
        '',
        '3. third',
        '4. fourth',
        '',
        '> quoted *text*',
        '',
        '```js title="docusaurus.config.js"',
        'export default {};',
        '```',
      ].join('\n'),
    );
    expect(blocks).toEqual([
      { kind: 'heading', depth: 2, children: [{ kind: 'text', text: 'Set up' }] },
      {
        kind: 'paragraph',
        children: [
          { kind: 'text', text: 'Install it ' },
          { kind: 'strong', children: [{ kind: 'text', text: 'first' }] },
          { kind: 'text', text: ' ' },
          { kind: 'citation', n: 1 },
          { kind: 'text', text: ', then ' },
          { kind: 'code', text: 'run <it>' },
          { kind: 'text', text: ' ' },
          { kind: 'citation', n: 2 },
          { kind: 'text', text: '.' },
        ],
      },
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [
          {
            blocks: [
              { kind: 'paragraph', children: [{ kind: 'text', text: 'one' }] },
              {
                kind: 'list',
                ordered: false,
                start: 1,
                items: [{ blocks: [{ kind: 'paragraph', children: [{ kind: 'text', text: 'nested' }] }] }],
              },
            ],
          },
          { checked: true, blocks: [{ kind: 'paragraph', children: [{ kind: 'text', text: 'done' }] }] },
        ],
      },
      {
        kind: 'list',
        ordered: true,
        start: 3,
        items: [
          { blocks: [{ kind: 'paragraph', children: [{ kind: 'text', text: 'third' }] }] },
          { blocks: [{ kind: 'paragraph', children: [{ kind: 'text', text: 'fourth' }] }] },
        ],
      },
      {
        kind: 'quote',
        blocks: [
          {
            kind: 'paragraph',
            children: [
              { kind: 'text', text: 'quoted ' },
              { kind: 'em', children: [{ kind: 'text', text: 'text' }] },
            ],
          },
        ],
      },
      { kind: 'code', lang: 'js', title: 'docusaurus.config.js', code: 'export default {};' },
    ]);
  });

  it('reads GFM tables with their alignment', () => {
    expect(answerBlocks('| flag | default |\n| --- | :-: |\n| `--port` | 8787 |')).toEqual([
      {
        kind: 'table',
        align: [null, 'center'],
        header: [[{ kind: 'text', text: 'flag' }], [{ kind: 'text', text: 'default' }]],
        rows: [[[{ kind: 'code', text: '--port' }], [{ kind: 'text', text: '8787' }]]],
      },
    ]);
  });

  it('turns raw HTML into its text, unsafe links into text, and images into links that never load', () => {
    const [paragraph] = answerBlocks(
      'A <img src=x onerror=alert(1)> and [bad](javascript:alert(1)) and ![logo](/img/logo.svg) and \\<b>.',
    );
    expect(paragraph).toEqual({
      kind: 'paragraph',
      children: [
        { kind: 'text', text: 'A ' },
        { kind: 'text', text: '<img src=x onerror=alert(1)>' },
        { kind: 'text', text: ' and ' },
        { kind: 'link', href: null, children: [{ kind: 'text', text: 'bad' }] },
        { kind: 'text', text: ' and ' },
        { kind: 'link', href: '/img/logo.svg', children: [{ kind: 'text', text: 'logo' }] },
        { kind: 'text', text: ' and ' },
        { kind: 'text', text: '<' },
        { kind: 'text', text: 'b>.' },
      ],
    });
    expect(answerBlocks('<div>block html</div>')).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: '<div>block html</div>' }] },
    ]);
  });

  it('reads a half-streamed answer (an open fence, a half link) without throwing', () => {
    expect(answerBlocks('Run:\n\n```bash\nnpm i')).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: 'Run:' }] },
      { kind: 'code', lang: 'bash', code: 'npm i' },
    ]);
    expect(answerBlocks('See [the docs](/docs/in')[0]!.kind).toBe('paragraph');
  });
});
