import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksText } from './block-text.js';
import { parseMarkdown } from './parse-markdown.js';
import { partialResolver } from './partials.js';

describe('partials resolved as Docusaurus resolves them', () => {
  let site = '';
  beforeAll(async () => {
    site = await mkdtemp(join(tmpdir(), 'docent-partials-'));
    await mkdir(join(site, '_partials'), { recursive: true });
    await mkdir(join(site, 'docs', 'guides'), { recursive: true });
    await writeFile(
      join(site, '_partials', 'shared.mdx'),
      "import Inner from './_inner.mdx';\n\nShared text: tokens rotate every hour.\n\n<Inner />\n",
    );
    await writeFile(join(site, '_partials', '_inner.mdx'), 'Inner text: the nested partial is kept.\n');
    await writeFile(join(site, 'docs', 'guides', '_local.md'), 'Local text from a relative import.\n');
    await writeFile(join(site, 'docs', '_a.mdx'), "import B from './_b.mdx';\n\nA text.\n\n<B />\n");
    await writeFile(join(site, 'docs', '_b.mdx'), "import A from './_a.mdx';\n\nB text.\n\n<A />\n");
  });
  afterAll(async () => {
    await rm(site, { recursive: true, force: true });
  });

  function render(page: string, source: string) {
    const warnings: string[] = [];
    const parsed = parseMarkdown(source, '.md', 'mdx');
    const partial = partialResolver(
      parsed.tree,
      join(site, page),
      new Map(),
      (path, error) => warnings.push(`${path}: ${error.message}`),
      { siteDir: site, markdownFormat: 'mdx' },
    );
    return { text: blocksText(parsed.tree.children ?? [], { partial }), warnings };
  }

  it('inlines a partial imported through @site, and the partial it imports in turn', () => {
    const { text, warnings } = render(
      'docs/guides/page.md',
      "import Shared from '@site/_partials/shared.mdx';\nimport Local from './_local.md';\n\n# Page\n\n<Shared />\n\n<Local />\n",
    );
    expect(text).toContain('Shared text: tokens rotate every hour.');
    expect(text).toContain('Inner text: the nested partial is kept.');
    expect(text).toContain('Local text from a relative import.');
    expect(warnings).toEqual([]);
  });

  it('stops a cycle and warns about it and about every import it cannot resolve', () => {
    const { text, warnings } = render(
      'docs/page.md',
      "import A from './_a.mdx';\nimport Gone from '@site/_partials/gone.mdx';\nimport Other from 'some-package/docs/x.mdx';\n\n# Page\n\n<A />\n\n<Gone />\n",
    );
    expect(text).toContain('A text.');
    expect(text).toContain('B text.');
    expect(warnings).toEqual([
      expect.stringMatching(/^@site\/_partials\/gone\.mdx: no file at .*_partials\/gone\.mdx$/),
      expect.stringMatching(/^some-package\/docs\/x\.mdx: .*is not a path the indexer can resolve/),
      expect.stringMatching(/_a\.mdx: it includes itself through .*page\.md → .*_a\.mdx → .*_b\.mdx$/),
    ]);
  });
});
