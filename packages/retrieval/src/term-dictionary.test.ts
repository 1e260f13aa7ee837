import { describe, expect, it } from 'vitest';
import { analyzerFor } from './analyzer.js';
import { markedSnippet, sectionBody } from './marked-snippet.js';
import { TermDictionary, typoBudget } from './term-dictionary.js';

const TERMS = ['config', 'configur', 'configuration', 'conflict', 'docker', 'dockerfile', 'proxy', 'buffer'];
/** Document frequencies by term id: `configur` is the most common completion of `conf`. */
const FREQUENCY = [3, 9, 1, 2, 5, 1, 4, 2];
const dictionary = new TermDictionary(TERMS, (id) => FREQUENCY[id]!);
const names = (ids: number[]) => ids.map((id) => TERMS[id]);

describe('TermDictionary', () => {
  it('completes a prefix, the terms held by most documents first', () => {
    expect(names(dictionary.prefix('conf', 10)).sort()).toEqual([
      'config',
      'configur',
      'configuration',
      'conflict',
    ]);
    expect(names(dictionary.prefix('conf', 2))).toEqual(['configur', 'config']);
    expect(dictionary.prefix('', 10)).toEqual([]);
    expect(dictionary.prefix('zz', 10)).toEqual([]);
  });

  it('finds the terms a misspelt word may mean, within its typo budget and first letter', () => {
    expect(typoBudget('dock')).toBe(0);
    expect(typoBudget('docker')).toBe(1);
    expect(typoBudget('dockerfile')).toBe(2);
    expect(names(dictionary.neighbours('dokcer', 3))).toEqual([]); // a swap is two Levenshtein edits
    expect(names(dictionary.neighbours('docke', 3))).toEqual(['docker']);
    expect(names(dictionary.neighbours('dokerfiles', 3))).toEqual(['dockerfile']);
    expect(names(dictionary.neighbours('bufer', 3))).toEqual(['buffer']);
    expect(names(dictionary.neighbours('roxy', 3))).toEqual([]); // four letters: no typo tolerated
    expect(names(dictionary.neighbours('ruffer', 3))).toEqual([]); // another first letter
  });

  it('compares the typed word’s start with the stems, where a typo hid a suffix from the stemmer', () => {
    // `configuraton` stems to itself; the index has `configur` (of configuration, configure).
    expect(names(dictionary.neighbours('configuraton', 3))).not.toContain('configur');
    expect(names(dictionary.neighbours('configuraton', 3, 'configuraton'))).toContain('configur');
    // The budget is the typed word's: `dockr` (5 letters) may be one edit from `docker`.
    expect(names(dictionary.neighbours('dockr', 3, 'dockr'))).toEqual(['docker']);
  });
});

describe('markedSnippet', () => {
  const analyzer = analyzerFor('en');

  it('marks stemmed and prefix matches by offsets into plain text', () => {
    const body = sectionBody({
      text: 'Deployment > Proxies\n\nTurn off <b>buffering</b> for the proxies you configure.',
      headings: ['Deployment', 'Proxies'],
    });
    expect(body.startsWith('Turn off')).toBe(true);
    const snippet = markedSnippet(body, new Set(['proxi']), ['buff'], analyzer);
    const marked = snippet.highlights.map(([from, to]) => snippet.text.slice(from, to));
    expect(marked).toEqual(['buffering', 'proxies']);
  });

  it('starts near the first match in a long section, with ellipses where it cut', () => {
    const body = `${'Filler words here. '.repeat(30)}The reverse proxy must not buffer. ${'More text. '.repeat(30)}`;
    const snippet = markedSnippet(body, new Set(['proxi']), [], analyzer);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    const [from, to] = snippet.highlights[0]!;
    expect(snippet.text.slice(from, to)).toBe('proxy');
  });

  it('marks each occurrence of a term inside unspaced Chinese text', () => {
    const snippet = markedSnippet(
      '使用工作空间协议引用工作空间包',
      new Set(['工作空间']),
      [],
      analyzerFor('zh'),
    );
    expect(snippet.highlights).toEqual([
      [2, 6],
      [10, 14],
    ]);
  });
});
