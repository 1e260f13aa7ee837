import { describe, expect, it } from 'vitest';
import { answerabilityEvidence, presenceTerms, questionWords } from './answerability.js';
import { englishRarity } from './english-rarity.js';

describe('englishRarity', () => {
  it('puts everyday words at 0 and topics, product names and identifiers near 1', () => {
    for (const word of ['crash', 'office', 'drive', 'window']) expect(englishRarity(word)).toBe(0);
    expect(englishRarity('telemetry')).toBeGreaterThan(0.7);
    expect(englishRarity('Mercurial')).toBe(1);
    expect(englishRarity('IndexedDB')).toBe(1);
    expect(englishRarity('banner')).toBeLessThan(englishRarity('bandwidth'));
    expect(englishRarity('429')).toBe(0.5);
  });
});

describe('questionWords', () => {
  it('judges English compounds by their parts and identifiers whole, with their dotted segments', () => {
    const words = questionWords('Can a third-party lib set pnpm.onlyBuiltDependencies?');
    expect(words.map((word) => word.word)).toEqual([
      'third',
      'party',
      'lib',
      'set',
      'pnpm.onlyBuiltDependencies',
    ]);
    const identifier = words.at(-1)!;
    expect(identifier.variants[0]).toBe('pnpm.onlybuiltdependencies');
    expect(identifier.segments).toEqual(['pnpm', 'onlybuiltdependencies']);
    expect(presenceTerms('devDependency')).toContain('devdependencies');
  });
});

describe('answerabilityEvidence', () => {
  const indexed = new Set(['pnpm', 'onlybuiltdependencies', 'store', 'devdependencies', 'set', 'lib']);
  it('lists the words no page contains, with the rarest one deciding', () => {
    const evidence = answerabilityEvidence('Can the pnpm store live in an S3 bucket?', 0.5, (term) =>
      indexed.has(term),
    );
    expect(evidence.absentWords).toEqual(['live', 'S3', 'bucket']);
    expect(evidence.absentRarity).toBe(1);
    expect(evidence.absentShare).toBeCloseTo(3 / 5);
    expect(evidence.coverage).toBe(0.5);
  });
  it('counts an identifier present through a plural form or a dotted segment', () => {
    const evidence = answerabilityEvidence('set pnpm.onlyBuiltDependencies on a devDependency', 1, (term) =>
      indexed.has(term),
    );
    expect(evidence.absentWords).toEqual([]);
    expect(evidence.absentRarity).toBe(0);
  });
});
