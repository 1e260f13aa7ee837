import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingsOfHtml } from '../src/page-headings.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'headings');

describe('headingsOfHtml (golden: the same page built by Docusaurus with the v4 future flags on and off)', () => {
  it.each(['v4-on', 'v4-off'])('reads every heading id of the %s build', async (build) => {
    const html = await readFile(join(fixtures, `${build}.html`), 'utf8');
    const expectedPath = join(fixtures, 'headings.json');
    const actual = headingsOfHtml(html);
    if (process.env.UPDATE === '1' || !existsSync(expectedPath))
      await writeFile(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(await readFile(expectedPath, 'utf8')));
  });

  it('finds unquoted ids that the old pattern missed, and only headings inside the article', () => {
    const html =
      '<nav><h2 id=toc>On this page</h2></nav><article><h2 class="anchor" id=getting-started>Getting started<a href=#getting-started class=hash-link aria-label="Direct link">&#8203;</a></h2><h3 id=\'single\'>It&#x27;s <code>fine</code></h3><h2>No id</h2></article>';
    expect(headingsOfHtml(html)).toEqual([
      { depth: 2, id: 'getting-started', text: 'Getting started' },
      { depth: 3, id: 'single', text: "It's fine" },
    ]);
  });
});
