import { describe, expect, it } from 'vitest';
import { assignHeadingIds } from './heading-ids.js';
import { pageMarkdown } from './page-markdown.js';
import { markdownSyntax, parseMarkdown } from './parse-markdown.js';
import { plainText } from './plain-text.js';

const resolveUrl = (target: string) => new URL(target, 'https://docs.example.com/docs/install').href;

const TABS_PAGE = [
  '# Install',
  '',
  "import Tabs from '@theme/Tabs';",
  "import TabItem from '@theme/TabItem';",
  '',
  '<Tabs>',
  '  <TabItem value="npm">',
  '',
  'Run npm install widgets.',
  '',
  '  </TabItem>',
  '  <TabItem value="yarn" label="Yarn">',
  '',
  'Run yarn add widgets, then read <a href="/docs/next-steps">the next steps</a>.',
  '',
  '  </TabItem>',
  '</Tabs>',
  '',
].join('\n');

describe('markdown parsed as Docusaurus parses it', () => {
  it('follows markdown.format and front matter format, by the rule of @docusaurus/mdx-loader', () => {
    expect(markdownSyntax('.md', 'mdx')).toBe('mdx');
    expect(markdownSyntax('.md', 'detect')).toBe('md');
    expect(markdownSyntax('.mdx', 'md')).toBe('md');
    expect(markdownSyntax('.mdx', 'detect')).toBe('mdx');
    expect(markdownSyntax('.md', 'mdx', 'md')).toBe('md');
    expect(markdownSyntax('.md', 'mdx', 'detect')).toBe('md');
    expect(markdownSyntax('.md', 'md', 'mdx')).toBe('mdx');
  });

  it('reads a .md page as MDX on a site with markdown.format mdx: no import lines, tab labels and JSX links kept', () => {
    const markdown = pageMarkdown(parseMarkdown(TABS_PAGE, '.md', 'mdx'), {
      fallbackTitle: 'install',
      resolveUrl,
    });
    expect(markdown).not.toMatch(/import|<Tab/);
    expect(markdown).toMatch(/\*\*npm\*\*\n\nRun npm install widgets\./);
    expect(markdown).toMatch(/\*\*Yarn\*\*/);
    expect(markdown).toContain('[the next steps](https://docs.example.com/docs/next-steps)');
  });

  it('reads HTML comments in MDX as Docusaurus does (mdx1Compat.comments): dropped, not a syntax error', () => {
    const parsed = parseMarkdown(
      'Intro.\n\n<!-- truncate -->\n\n## More\n\nText <!-- aside --> here.\n',
      '.md',
      'mdx',
    );
    expect(parsed.tree.children?.map((node) => node.type)).toEqual(['paragraph', 'heading', 'paragraph']);
  });

  it("takes a page's front matter format over the site's", () => {
    const asMarkdown = parseMarkdown(`---\nformat: md\n---\n\n${TABS_PAGE}`, '.md', 'mdx');
    expect(asMarkdown.tree.children?.some((node) => node.type === 'mdxjsEsm')).toBe(false);
    const asMdx = parseMarkdown(`---\nformat: mdx\n---\n\n${TABS_PAGE}`, '.md', 'detect');
    expect(asMdx.tree.children?.some((node) => node.type === 'mdxjsEsm')).toBe(true);
  });
});

describe('code fences tracked by CommonMark rules', () => {
  it('keeps a ```` block holding a ``` python block with a # comment as one code block', () => {
    const source = [
      '## Example',
      '',
      '````text',
      '```python',
      '# comment',
      'settings = {"debug": True}',
      '```',
      '````',
      '',
      '## After {#after}',
      '',
      'Text.',
    ].join('\n');
    const parsed = parseMarkdown(source, '.mdx');
    const kinds = parsed.tree.children?.map((node) => node.type);
    expect(kinds).toEqual(['heading', 'code', 'heading', 'paragraph']);
  });

  it('does not close a ``` block on a line with an info string (it is code)', () => {
    const source = [
      '```md',
      'Write a fence like this:',
      '```python',
      '## Heading {#kept-as-written}',
      '```',
      '',
      '## After {#after}',
      '',
      'Text.',
    ].join('\n');
    const parsed = parseMarkdown(source, '.mdx');
    const code = parsed.tree.children?.find((node) => node.type === 'code');
    expect(code?.value).toBe('Write a fence like this:\n```python\n## Heading {#kept-as-written}');
    const ids = [...assignHeadingIds(parsed.tree).values()].map((heading) => heading.id);
    expect(ids).toEqual(['after']);
  });
});

describe('explicit heading ids', () => {
  it('reads {#A.__call__} as Docusaurus does (the id of the built page), and keeps plain ids as written', () => {
    const parsed = parseMarkdown('### Calling it {#A.__call__}\n\n### Plain {#plain-id}\n', '.mdx');
    const headings = [...assignHeadingIds(parsed.tree).values()];
    // Docusaurus's heading plugin matches `{#…}` on the heading's text, where `__call__` is strong: `A.call`.
    expect(headings.map((heading) => heading.id)).toEqual(['A.call', 'plain-id']);
    expect(headings[1]!.text).toBe('Plain');
  });
});

describe('plainText', () => {
  it('renders inline markdown as the reader sees it', () => {
    expect(plainText('Using the [cache](cli.md#cache) option')).toBe('Using the cache option');
    expect(plainText('`include` \\[array&lt;string&gt;]')).toBe('include [array<string>]');
    expect(plainText('# Not a heading *here*')).toBe('# Not a heading here');
  });
});
