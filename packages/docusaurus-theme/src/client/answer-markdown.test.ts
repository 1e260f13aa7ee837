import { describe, expect, it } from 'vitest';
import {
  answerBlocks,
  type Block,
  type StreamedBlocks,
  safeHref,
  streamedBlocks,
} from './answer-markdown.js';

describe('safeHref', () => {
  it.each([
    ['https://docs.example.com/x', 'https://docs.example.com/x'],
    ['https://evil.example/docs/x', null],
    ['http://docs.example.com/x', null],
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
    expect(safeHref(url, 'https://docs.example.com')).toBe(expected);
  });

  it('follows no absolute link when the site origin is unknown', () => {
    expect(safeHref('https://docs.example.com/x', null)).toBeNull();
  });
});

/** Every link target in blocks, wherever it is nested. */
function hrefs(blocks: Block[]): (string | null)[] {
  const found: (string | null)[] = [];
  JSON.stringify(blocks, (key, value) => {
    if (value && typeof value === 'object' && value.kind === 'link') found.push(value.href);
    return key === '' || typeof value === 'object' ? value : value;
  });
  return found;
}

describe('the widget links only to the site (red team, round 3)', () => {
  it('shows bare URLs, www. addresses and emails to other hosts as text', () => {
    const blocks = answerBlocks(
      'see https://evil.example/login or www.evil.example, mail admin@evil.example, [x](https://evil.example)',
    );
    expect(hrefs(blocks).filter((href) => href !== null)).toEqual([]);
  });
});

describe('streamedBlocks: a streamed answer read incrementally', () => {
  const answer = [
    '## Set up',
    '',
    'Install it **first** [1], then run it.',
    '',
    '- one',
    '- two',
    '',
    '```js',
    'export default {};',
    '```',
    '',
    'A last paragraph that is still being written and goes on',
  ].join('\n');

  it('gives the blocks answerBlocks gives, whatever the delta sizes', () => {
    for (const size of [1, 3, 7, 50, answer.length]) {
      let read: StreamedBlocks | null = null;
      for (let end = size; end < answer.length + size; end += size) {
        read = streamedBlocks(answer.slice(0, end), read);
        expect(read.blocks).toEqual(answerBlocks(answer.slice(0, end)));
      }
    }
  });

  it('re-reads only the block being written: closed blocks keep their objects', () => {
    let read = streamedBlocks(answer.slice(0, answer.length - 10), null);
    const before = read.blocks.slice(0, -1);
    read = streamedBlocks(answer, read);
    expect(read.prefix).toBe(answer.slice(0, answer.indexOf('A last paragraph')));
    expect(read.blocks.slice(0, -1).every((block, index) => block === before[index])).toBe(true);
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
