import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ThemeSite, themeSite } from './theme-site.js';

const RELEASE_POST = `---
title: Release 2.4
authors: [{ name: Ada }]
---

Version 2.4! This release focuses on speed, e.g. faster builds and smaller bundles, and on the many small things readers asked for over the last months. It also fixes a long list of bugs that were reported by readers of the docs, which we thank.

<!-- truncate -->

## Faster builds

Builds take half the time.
`;

/** A plugin of the site's own that writes its llms.txt and one markdown copy after the build, as llms.txt plugins do. */
const OTHER_PLUGIN = `import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
export default function otherLlms() {
  return {
    name: 'other-llms',
    async postBuild({ outDir }) {
      await writeFile(join(outDir, 'llms.txt'), '# Their llms.txt\\n');
      await writeFile(join(outDir, 'docs', 'intro.md'), 'their copy of intro\\n');
    },
  };
}
`;

const LINK = /^- \[(?:[^\]\\]|\\.)+\]\((\S+)\)(?:: (.+))?$/;

describe('llms.txt files in a real site with a blog', { timeout: 600_000 }, () => {
  let site: ThemeSite;
  beforeAll(async () => {
    site = await themeSite({
      preset: { blog: { showReadingTime: false, onInlineAuthors: 'ignore' } },
      config: "plugins: [process.env.OTHER_LLMS === '1' && './other-llms-plugin.js'].filter(Boolean),",
      files: {
        'blog/2026-01-10-release-2-4.md': RELEASE_POST,
        'blog/2026-01-20-roadmap.md': '---\ntitle: Roadmap\n---\n\nWhat comes next.\n',
        'docs/guide.md': '# Guide\n\nHow to use it.\n\n## Steps\n\nThree steps.\n',
        'other-llms-plugin.js': OTHER_PLUGIN,
      },
    });
  }, 60_000);
  afterAll(() => site?.cleanup());

  it('llms-full.txt holds every page its llms.txt links, blog posts included', async () => {
    await site.docusaurus(['build', '--locale', 'en']);
    const build = join(site.dir, 'build');
    const list = await readFile(join(build, 'llms.txt'), 'utf8');
    const full = await readFile(join(build, 'llms-full.txt'), 'utf8');
    const pages = list
      .split('\n')
      .map((line) => LINK.exec(line)?.[1])
      .filter((url): url is string => url?.endsWith('.md') ?? false);
    expect(pages).toEqual(
      expect.arrayContaining([
        'https://example.com/docs/intro.md',
        'https://example.com/docs/guide.md',
        'https://example.com/blog/2026/01/10/release-2-4.md',
        'https://example.com/blog/2026/01/20/roadmap.md',
      ]),
    );
    for (const url of pages) {
      const copy = await readFile(join(build, new URL(url).pathname), 'utf8');
      expect(full, url).toContain(copy.trimEnd());
    }
  });

  it("a blog post's note starts where its first sentence does", async () => {
    const list = await readFile(join(site.dir, 'build', 'llms.txt'), 'utf8');
    const note = list
      .split('\n')
      .find((line) => line.includes('/release-2-4.md'))
      ?.replace(LINK, '$2');
    expect(note).toMatch(/^Version 2\.4! This release focuses on speed, e\.g\. faster builds/);
  });

  it('keeps the llms.txt and markdown copy another plugin wrote, says so, and says how to choose', async () => {
    const output = await site.docusaurus(['build', '--locale', 'en'], { OTHER_LLMS: '1' });
    const build = join(site.dir, 'build');
    expect(await readFile(join(build, 'llms.txt'), 'utf8')).toBe('# Their llms.txt\n');
    expect(await readFile(join(build, 'docs', 'intro.md'), 'utf8')).toBe('their copy of intro\n');
    // What the other plugin did not write is still Docent's.
    expect(await readFile(join(build, 'llms-full.txt'), 'utf8')).toContain('# Guide');
    expect(output).toMatch(/\[docent\] kept llms\.txt, 1 markdown copy \(e\.g\. docs\/intro\.md\)/);
    expect(output).toContain("existingFiles: 'replace'");
  });
});
