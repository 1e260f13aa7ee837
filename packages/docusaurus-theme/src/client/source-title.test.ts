import { describe, expect, it } from 'vitest';
import { sourceLabel, titleParts, unlinkedSources } from './source-title.js';

describe('source chip titles', () => {
  it('renders inline code as code, never as backticks', () => {
    expect(titleParts('Indexer (`docent-index`)')).toEqual([
      { code: false, text: 'Indexer (' },
      { code: true, text: 'docent-index' },
      { code: false, text: ')' },
    ]);
    // CommonMark: a longer fence holds a backtick; one space each side is stripped.
    expect(titleParts('The ``` `` ` ``` span')).toEqual([
      { code: false, text: 'The ' },
      { code: true, text: '`` `' },
      { code: false, text: ' span' },
    ]);
    // A run never closed stays text.
    expect(titleParts('a ` lone tick')).toEqual([{ code: false, text: 'a ` lone tick' }]);
  });

  it('keeps the page and the last heading apart, so a cut page name leaves the sections distinct', () => {
    const check = sourceLabel('Configuration › Flags › `--check`');
    const dump = sourceLabel('Configuration › Flags › `--dump`');
    expect(check.page).toEqual([{ code: false, text: 'Configuration' }]);
    expect(check.section).toEqual([{ code: true, text: '--check' }]);
    expect(dump.section).not.toEqual(check.section);
    expect(check.plain).toBe('Configuration › Flags › --check');
    expect(sourceLabel('Getting started').section).toBeNull();
  });
});

describe('chips under a decline', () => {
  it('leaves out the pages the text already links, so no page is listed twice', () => {
    const sources = [{ url: '/docs/a#x' }, { url: '/docs/b#y' }];
    const decline =
      'The docs do not seem to cover this. These pages are the closest:\n\n- [A › X](/docs/a#x) [1]';
    expect(unlinkedSources(sources, decline)).toEqual([{ url: '/docs/b#y' }]);
    expect(unlinkedSources(sources, 'An answer [1] [2].')).toEqual(sources);
  });
});
