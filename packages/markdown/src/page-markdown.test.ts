import { describe, expect, it } from 'vitest';
import { pageMarkdown, pageSummary } from './page-markdown.js';
import { parseMarkdown } from './parse-markdown.js';

const SITE = 'https://docs.example.com';
/** Like the theme's: relative images are renamed by the build, so they keep only their alt text. */
const resolveUrl = (target: string, kind: 'link' | 'image') =>
  kind === 'image' && !target.startsWith('/') ? null : new URL(target, `${SITE}/docs/guide/setup`).href;

function render(source: string, extension = '.mdx', extra: Partial<Parameters<typeof pageMarkdown>[1]> = {}) {
  return pageMarkdown(parseMarkdown(source, extension), { fallbackTitle: 'setup', resolveUrl, ...extra });
}

describe('pageMarkdown', () => {
  it('writes the title (the leading h1 before front matter), the description and the source, then the content without imports or JSX', () => {
    const markdown = render(
      [
        '---',
        'title: Set up',
        'description: Install and configure it.',
        '---',
        "import Tabs from '@theme/Tabs';",
        "import TabItem from '@theme/TabItem';",
        '',
        '# Set up Docent',
        '',
        'Run it {"<"}now{">"}.',
        '',
        '<Tabs>',
        '  <TabItem value="npm" label="npm">',
        '',
        '```bash',
        'npm install docent',
        '```',
        '',
        '  </TabItem>',
        '  <TabItem value="yarn">',
        '',
        'Yarn works too.',
        '',
        '  </TabItem>',
        '</Tabs>',
        '',
        '<DocCardList />',
        '',
        '## Options {#opts}',
        '',
        '| name | default |',
        '| --- | --- |',
        '| `port` | 8787 |',
      ].join('\n'),
      '.mdx',
      { url: `${SITE}/docs/guide/setup` },
    );
    expect(markdown).toBe(
      [
        '# Set up Docent',
        '',
        '> Install and configure it.',
        '',
        `Source: <${SITE}/docs/guide/setup>`,
        '',
        'Run it \\<now>.',
        '',
        '**npm**',
        '',
        '```bash',
        'npm install docent',
        '```',
        '',
        '**yarn**',
        '',
        'Yarn works too.',
        '',
        '## Options',
        '',
        '| name   | default |',
        '| ------ | ------- |',
        '| `port` | 8787    |',
        '',
      ].join('\n'),
    );
  });

  it('keeps admonitions readable as quotes headed by their kind, in both syntaxes', () => {
    const markdown = render(
      [
        '# Notes',
        '',
        ':::tip[Fast path]',
        '',
        'Use the **local** store.',
        '',
        ':::',
        '',
        '<Admonition type="warning" title="Careful">',
        '',
        'Keep the key secret.',
        '',
        '</Admonition>',
        '',
        ':::danger',
        '',
        'Never commit it.',
        '',
        ':::',
      ].join('\n'),
    );
    expect(markdown).toContain('> **Tip: Fast path**\n>\n> Use the **local** store.');
    expect(markdown).toContain('> **Warning: Careful**\n>\n> Keep the key secret.');
    expect(markdown).toContain('> **Danger**\n>\n> Never commit it.');
    expect(markdown.startsWith('# Notes\n')).toBe(true);
    expect(markdown.match(/^# /gm)).toHaveLength(1);
  });

  it('makes links and images absolute and leaves code byte for byte', () => {
    const markdown = render(
      [
        '# Links',
        '',
        'See [configuration](../configuration.md#port), [this](#below), [site](/blog) and [ext](https://x.dev/a).',
        '',
        '![diagram](./img/flow.png) ![logo](/img/logo.svg)',
        '',
        '<a href="/docs/faq">FAQ</a>',
        '',
        '```js title="app.js"',
        'const users = list[0]; // [not](a-link) <b>',
        '```',
      ].join('\n'),
    );
    expect(markdown).toContain(`[configuration](${SITE}/docs/configuration.md#port)`);
    expect(markdown).toContain(`[this](${SITE}/docs/guide/setup#below)`);
    expect(markdown).toContain(`[site](${SITE}/blog)`);
    expect(markdown).toContain('[ext](https://x.dev/a)');
    expect(markdown).toContain(`diagram ![logo](${SITE}/img/logo.svg)`);
    expect(markdown).toContain(`[FAQ](${SITE}/docs/faq)`);
    expect(markdown).toContain('```js title="app.js"\nconst users = list[0]; // [not](a-link) <b>\n```');
  });

  it('inlines partials where they are used, and takes the title from the leading h1 of plain markdown', () => {
    const partial = parseMarkdown('Shared **setup** text.', '.mdx').tree.children!;
    const markdown = render(
      ["import Shared from './_shared.mdx';", '', '# From the heading', '', '<Shared />', '', 'After.'].join(
        '\n',
      ),
      '.mdx',
      { partial: (name) => (name === 'Shared' ? partial : null) },
    );
    expect(markdown).toBe('# From the heading\n\nShared **setup** text.\n\nAfter.\n');
    expect(render('No heading here: <b>bold</b> kept as text.', '.md')).toBe(
      '# setup\n\nNo heading here: bold kept as text.\n',
    );
  });

  it('keeps VitePress containers, details and math readable', () => {
    const markdown = render(
      [
        '# Extras',
        '',
        '::: details Click me',
        'Hidden text.',
        ':::',
        '',
        '<details><summary>More</summary>',
        '',
        'Inside.',
        '',
        '</details>',
        '',
        '$$',
        'a^2',
        '$$',
      ].join('\n'),
      '.md',
    );
    expect(markdown).toContain('> **Details: Click me**\n>\n> Hidden text.');
    expect(markdown).toContain('More');
    expect(markdown).toContain('Inside.');
    expect(markdown).toContain('$$\na^2\n$$');
  });
});

describe('pageSummary', () => {
  it('is the description, else the first sentences of the first paragraph', () => {
    expect(pageSummary(parseMarkdown('---\ndescription: "  Set it\n up. "\n---\n\nBody.', '.md'))).toBe(
      'Set it up.',
    );
    const long = `${'Docent answers questions about your docs. '.repeat(3)}${'Every answer links its sources. '.repeat(5)}`;
    const summary = pageSummary(parseMarkdown(`# Title\n\n${long}\n\nSecond paragraph.`, '.md'));
    expect(summary.length).toBeLessThanOrEqual(200);
    expect(summary.endsWith('.')).toBe(true);
    expect(summary.startsWith('Docent answers questions about your docs.')).toBe(true);
    expect(pageSummary(parseMarkdown('# Only a heading', '.md'))).toBe('');
  });

  it('never starts mid-sentence after a dotted number or an abbreviation', () => {
    const post = `Version 2.4! This release focuses on speed, e.g. faster builds and smaller bundles. ${'It also fixes many small bugs that readers reported. '.repeat(4)}`;
    const summary = pageSummary(parseMarkdown(post, '.md'), 'en');
    expect(summary.startsWith('Version 2.4! This release focuses on speed, e.g. faster builds')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(200);
    const french = `La version 3.1 arrive. ${'Elle corrige de nombreux petits défauts signalés. '.repeat(6)}`;
    expect(pageSummary(parseMarkdown(french, '.md'), 'fr').startsWith('La version 3.1 arrive.')).toBe(true);
  });
});
