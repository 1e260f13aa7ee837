import type { Chunk } from '@docent/protocol';
import { describe, expect, it } from 'vitest';
import { answerUnits } from './answer-units.js';
import { EXTRACTIVE_PREFACE, ExtractiveGenerator } from './extractive-generator.js';
import { SourceList } from './source-list.js';

function chunk(url: string, headings: string[], body: string): Chunk {
  return {
    id: url,
    text: `${headings.join(' > ')}\n\n${body}`,
    sourcePath: `${url.split('#')[0]}.md`,
    headings,
    url,
    title: headings[0]!,
    locale: 'en',
    version: 'current',
    hash: url,
  };
}

async function answer(question: string, sources: Chunk[]): Promise<string> {
  let text = '';
  for await (const delta of new ExtractiveGenerator().generate({
    question,
    sources: new SourceList(sources),
    history: [],
    signal: new AbortController().signal,
  }))
    text += delta;
  return text;
}

const filler = (words: number) =>
  Array.from({ length: words }, (_, index) => `word${index}`)
    .join(' ')
    .replace(/(word\d+ ){12}/g, '$&.\n\n');

describe('answerUnits', () => {
  it('joins a lead-in ending in ":" to the code block or list it introduces, and keeps a list whole', () => {
    const units = answerUnits(
      chunk(
        '/docs/deploy',
        ['Deploy'],
        [
          'Build your site for production:',
          '```bash\nnpm run build\n```',
          'Then follow these steps:',
          '1. Upload the build folder.\n2. Point the host at it.\n3. Check the site.',
          '- loose item one',
          '- loose item two',
          'A closing paragraph.',
        ].join('\n\n'),
      ),
    );
    expect(units.map((unit) => unit.text)).toEqual([
      'Build your site for production:\n\n```bash\nnpm run build\n```',
      'Then follow these steps:\n\n1. Upload the build folder.\n2. Point the host at it.\n3. Check the site.',
      '- loose item one\n\n- loose item two',
      'A closing paragraph.',
    ]);
    expect(units[0]!.code).toBe(true);
  });

  it('joins a lead-in to a table or paragraph too, and marks one with nothing after it in the chunk', () => {
    const units = answerUnits(
      chunk(
        '/docs/options',
        ['Options'],
        'The valid values are:\n\n| value | meaning |\n| --- | --- |\n| `auto` | detect |\n\nIt has three parts:',
      ),
    );
    expect(units.map((unit) => unit.text)).toEqual([
      'The valid values are:\n\n| value | meaning |\n| --- | --- |\n| `auto` | detect |',
      'It has three parts:',
    ]);
    expect(units[0]!.leadIn).toBeUndefined();
    expect(units[1]!.leadIn).toBe(true);
  });
});

describe('ExtractiveGenerator', () => {
  it('never quotes a lead-in whose list is not in the section', async () => {
    const text = await answer('What are the principles of Redux?', [
      chunk(
        '/docs/principles',
        ['Principles'],
        'Redux follows a few principles of state.\n\nRedux can be described in three principles:',
      ),
    ]);
    expect(text).toContain('Redux follows a few principles of state.');
    expect(text).not.toContain('three principles:');
  });

  it('quotes a long code block around the lines that match, saying which lines are shown', async () => {
    const lines = Array.from({ length: 60 }, (_, index) => `const value${index} = ${index}`);
    lines[44] = 'app.listen({ port: 8787 })';
    const text = await answer('Which port does the app listen on?', [
      chunk('/docs/server#listen', ['Server', 'Listen'], `\`\`\`ts\n${lines.join('\n')}\n\`\`\``),
    ]);
    expect(text).toContain('app.listen({ port: 8787 })');
    expect(text).not.toContain('const value0 =');
    expect(text).toMatch(/```ts\n…\n/);
    expect(text).toMatch(/\(lines \d+–\d+ of 60 shown\)/);
  });

  it('cuts a long code block inside a list step at its own indented fence, not at a later block', async () => {
    const lines = Array.from({ length: 40 }, (_, index) => `   const value${index} = ${index}`);
    lines[30] = '   app.listen({ port: 8787 })';
    const body = [
      '1. Add the server, which listens on a port:',
      `   \`\`\`ts\n${lines.join('\n')}\n   \`\`\``,
      '2. Start it with the port:\n\n```bash\nPORT=8787 npm start\n```',
    ].join('\n');
    const text = await answer('Which port does the app listen on?', [
      chunk('/docs/server#listen', ['Server', 'Listen'], body),
    ]);
    expect(text).toContain('   app.listen({ port: 8787 })');
    expect(text).toMatch(/\(lines \d+–\d+ of 40 shown\)/);
    expect(text).toContain('```bash\nPORT=8787 npm start\n```');
    expect(text).not.toContain('const value0 =');
    expect(text).toMatch(/\n {3}…\n {3}```\n/);
  });

  it('quotes a short best section whole, lead-in and command together', async () => {
    const text = await answer('How do I build for production?', [
      chunk(
        '/docs/deploy#build',
        ['Deploy', 'Build'],
        'Build your site for production:\n\n```bash\nnpm run build\n```\n\nThe output goes to `build/`.',
      ),
    ]);
    expect(text.startsWith(EXTRACTIVE_PREFACE)).toBe(true);
    expect(text).toContain('Build your site for production:\n\n```bash\nnpm run build\n```');
    expect(text).toContain('The output goes to `build/`.');
    expect(text).toContain('[1]');
  });

  it('quotes the best passages of a long section, and other pages only when they match as well', async () => {
    const long = chunk(
      '/docs/cache#config',
      ['Caching', 'Configure the cache'],
      `${filler(120)}\n\nSet cacheDir to move the cache directory.\n\n${filler(120)}`,
    );
    const related = chunk(
      '/docs/cache#clear',
      ['Caching', 'Clear'],
      'Delete the cache directory to clear it.',
    );
    const unrelated = chunk('/docs/plugins#list', ['Plugins', 'List'], 'The directory of plugins.');
    const matching = chunk(
      '/docs/ci#cache',
      ['CI', 'Cache directory'],
      'In CI, move the cache directory with cacheDir.',
    );
    const text = await answer('How do I move the cache directory?', [long, unrelated, related, matching]);
    expect(text).toContain('Set cacheDir to move the cache directory.');
    expect(text).not.toContain('word0 ');
    expect(text).toContain('Delete the cache directory to clear it. '.trim());
    expect(text).toContain('[3]');
    expect(text).not.toContain('The directory of plugins.');
    expect(text).toContain('In CI, move the cache directory');
  });
  it('quotes a further source up to a few sentences: a signature with the sentence that explains it', async () => {
    const best = chunk('/docs/api#enhancers', ['API', 'Enhancers'], 'Pass store enhancers to createStore.');
    const glossary = chunk(
      '/docs/glossary#store-enhancer',
      ['Glossary', 'Store enhancer'],
      [
        '```js\ntype StoreEnhancer = (next: StoreCreator) => StoreCreator\n```',
        'A store enhancer is a higher-order function that composes a store creator.',
        `Enhancers are like middleware. ${filler(80).replace(/\n/g, ' ')}`,
      ].join('\n\n'),
    );
    const third = chunk('/docs/guide#enhancers', ['Guide', 'Enhancers'], 'Store enhancers change the store.');
    const fourth = chunk('/docs/faq#enhancers', ['FAQ', 'Enhancers'], 'Store enhancers wrap createStore.');
    const text = await answer('What is a store enhancer?', [best, glossary, third, fourth]);
    expect(text).toContain('type StoreEnhancer');
    expect(text).toContain('higher-order function');
    expect(text).not.toContain('word0');
    expect(text).toContain('**FAQ › Enhancers** [4]\n\nStore enhancers wrap createStore.');
  });
});
