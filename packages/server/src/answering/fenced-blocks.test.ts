import { describe, expect, it } from 'vitest';
import { fencedBlocks } from './fenced-blocks.js';

const texts = (text: string) =>
  fencedBlocks(text).map((block) => text.slice(block.index, block.index + block.length));

describe('fencedBlocks', () => {
  it('closes a block inside a list step at its own indented fence, not at a later block', () => {
    const text = '1. Add it:\n   ```ts\n   add()\n   ```\n2. Run it:\n\n```bash\nnpm start\n```';
    expect(texts(text)).toEqual(['```ts\n   add()\n   ```', '```bash\nnpm start\n```']);
    expect(fencedBlocks(text)[0]).toMatchObject({
      fence: '```',
      info: 'ts',
      indent: '   ',
      lines: ['   add()'],
    });
  });

  it('opens after a list marker, as the indexer writes a step that starts with code', () => {
    expect(texts('- ```js\n  run()\n  ```\n\nAfter.')).toEqual(['```js\n  run()\n  ```']);
  });

  it('keeps a fence indented 4 columns further (a markdown example inside code) as code', () => {
    const markdown =
      '````md\nText\n\n    ```js\n    inner()\n    ```\n````\n\nProse after.\n\n```sh\nls\n```';
    expect(texts(markdown)).toEqual([
      '````md\nText\n\n    ```js\n    inner()\n    ```\n````',
      '```sh\nls\n```',
    ]);
    const python = '```py\ndef f():\n    """\n    ```\n    example\n    ```\n    """\n```\n\nProse.';
    expect(texts(python)).toEqual([python.slice(0, python.indexOf('\n\nProse.'))]);
    const go = '```go\nfunc f() {\n\t```\n}\n```';
    expect(texts(go)).toEqual([go]);
  });

  it('needs the same character and at least the same length to close, and skips inline backticks', () => {
    expect(texts('````\na\n```\nb\n````')).toEqual(['````\na\n```\nb\n````']);
    expect(texts('~~~\na\n```\n~~~')).toEqual(['~~~\na\n```\n~~~']);
    expect(texts('Use ```x``` inline.\n\n```\ncode\n```')).toEqual(['```\ncode\n```']);
    expect(texts('```\nnever closed')).toEqual([]);
  });
});
