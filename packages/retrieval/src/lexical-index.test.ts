import { seededRandom } from '@docent/test-support';
import { describe, expect, it } from 'vitest';
import { analyze, analyzerFor } from './analyzer.js';

const english = analyzerFor('en');

import { LexicalIndex } from './lexical-index.js';
import { PostingsBuilder } from './postings.js';

/** BM25 of every document, the plain way: what early termination must agree with. */
function exhaustive(texts: string[], k1 = 1.2, b = 0.75) {
  const documents = texts.map((text) => {
    const counts = new Map<string, number>();
    for (const term of analyze(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
    return { counts, length: [...counts.values()].reduce((sum, count) => sum + count, 0) };
  });
  const df = new Map<string, number>();
  for (const { counts } of documents) for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const average = documents.reduce((sum, document) => sum + document.length, 0) / documents.length;
  return (query: string[], accept: (document: number) => boolean) =>
    documents.map(({ counts, length }, document) => {
      if (!accept(document)) return 0;
      let score = 0;
      for (const term of new Set(query)) {
        const frequency = counts.get(term) ?? 0;
        if (frequency === 0) continue;
        const idf = Math.log(1 + (documents.length - df.get(term)! + 0.5) / (df.get(term)! + 0.5));
        score += (idf * frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * length) / average));
      }
      return score;
    });
}

describe('lexical index', () => {
  it('returns exactly the top k of exhaustive BM25, with early termination on common words', async () => {
    const next = seededRandom(7);
    // Zipf-like words: a few in nearly every document (where early termination skips work), many rare.
    const word = () => `word${Math.floor(1 / (next() * 0.999 + 0.001)) % 400}`;
    const texts = Array.from({ length: 600 }, () =>
      Array.from({ length: 20 + Math.floor(next() * 60) }, word).join(' '),
    );
    const builder = new PostingsBuilder();
    for (const text of texts) builder.add(text, english);
    const index = await LexicalIndex.open(builder.termIds, builder.build());
    const score = exhaustive(texts);
    let compared = 0;
    for (let round = 0; round < 150; round++) {
      const query = analyze(Array.from({ length: 1 + Math.floor(next() * 6) }, word).join(' '));
      const parity = round % 3;
      const accept = (document: number) => parity === 0 || document % 2 === parity - 1;
      const k = [1, 5, 32][round % 3]!;
      const all = score(query, accept)
        .map((value, document) => ({ score: value, document }))
        .filter((entry) => entry.score > 0)
        .sort((a, b) => b.score - a.score || a.document - b.document);
      const ranked = all.slice(0, k);
      const matches = index.match(query, accept, k);
      expect(matches.documents.map((document) => matches.scores.get(document)!)).toEqual(
        ranked.map((entry) => expect.closeTo(entry.score, 9)),
      );
      // Equal scores may come in either order; distinct ones must name the same documents.
      const distinct = ranked.filter(
        (entry) => all.filter((other) => Math.abs(other.score - entry.score) < 1e-9).length === 1,
      );
      for (const entry of distinct) expect(matches.documents).toContain(entry.document);
      compared += ranked.length;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('scores with the k1 and b it is opened with', async () => {
    const texts = [
      'cache cache cache cache headers',
      'cache headers and a great many other words about nothing in particular at all',
      'headers only',
      'cache once',
    ];
    const builder = new PostingsBuilder();
    for (const text of texts) builder.add(text, english);
    const postings = builder.build();
    const query = analyze('cache headers');
    for (const [k1, b] of [
      [1.2, 0.75],
      [2, 0.3],
      [0.5, 1],
      [1.5, 0],
    ] as const) {
      const index = await LexicalIndex.open(builder.termIds, postings, undefined, { k1, b });
      const matches = index.match(query, () => true, 4);
      const expected = exhaustive(texts, k1, b)(query, () => true);
      for (const document of matches.documents)
        expect(matches.scores.get(document)).toBeCloseTo(expected[document]!, 9);
    }
    // No length normalisation (b = 0): the long section's single "cache" scores as the short one's.
    const flat = await LexicalIndex.open(builder.termIds, postings, undefined, { k1: 1.2, b: 0 });
    const scores = flat.match(analyze('cache'), () => true, 4).scores;
    expect(scores.get(1)).toBeCloseTo(scores.get(3)!, 12);
  });

  it('leaves nothing behind between queries (scores start from zero every time)', async () => {
    const builder = new PostingsBuilder();
    for (const text of ['alpha beta', 'beta gamma', 'gamma delta', 'alpha alpha']) builder.add(text, english);
    const index = await LexicalIndex.open(builder.termIds, builder.build());
    const first = index.match(['alpha'], () => true, 4);
    index.match(['beta', 'gamma'], () => true, 4);
    expect(index.match(['alpha'], () => true, 4)).toEqual(first);
    expect(index.match(['zeta'], () => true, 4).documents).toEqual([]);
  });

  it('refuses postings that name a document that does not exist', async () => {
    const builder = new PostingsBuilder();
    builder.add('alpha', english);
    const postings = builder.build();
    postings.documents[0] = 5;
    await expect(LexicalIndex.open(builder.termIds, postings)).rejects.toThrow(/document 5 of 1/);
  });
});
