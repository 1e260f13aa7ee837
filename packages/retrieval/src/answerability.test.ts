import { describe, expect, it } from 'vitest';
import { analyzerFor } from './analyzer.js';
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

  it('ranks a word the list lacks as its word family, and a listed word as itself', () => {
    // "mild" is listed; "milder" is listed too, rarer, and keeps its own rank.
    expect(englishRarity('milder')).toBeGreaterThan(englishRarity('mild'));
    // Not listed: "unmild"-style coinages stay rare, inflections of listed stems do not.
    expect(englishRarity('untranspiled')).toBe(1);
    expect(englishRarity('chokes')).toBeLessThan(0.5);
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

describe('questionWords, as readers write', () => {
  it('judges a negated word by what it negates, and a capitalised compound by its parts', () => {
    expect(questionWords('copies non-JS assets').map((word) => word.word)).toEqual([
      'copies',
      'JS',
      'assets',
    ]);
    expect(questionWords('ships untranspiled code').map((word) => word.word)).toContain('transpiled');
    expect(questionWords('starts with ES-style imports').map((word) => word.word)).toEqual([
      'starts',
      'ES',
      'style',
      'imports',
    ]);
    // A header name, two capitalised parts, stays one name.
    expect(questionWords('set a User-Agent header').map((word) => word.word)).toContain('User-Agent');
  });

  it('marks the sentences that set the scene, and keeps the question (or the last sentence) as asked', () => {
    const words = questionWords('Our bundle goes through an old compressor. How do I target old browsers?');
    expect(words.filter((word) => word.context).map((word) => word.word)).toContain('compressor');
    expect(words.find((word) => word.word === 'browsers')?.context).toBe(false);
    const imperative = questionWords('We use Vite. Show the config that loads plugins');
    expect(imperative.find((word) => word.word === 'Vite')?.context).toBe(true);
    expect(imperative.find((word) => word.word === 'plugins')?.context).toBe(false);
    // One sentence is all question.
    expect(questionWords('How do I use Vite').every((word) => !word.context)).toBe(true);
  });
});

describe('answerabilityEvidence', () => {
  it('does not read a missing word of the scene as a missing topic, only one of the question', () => {
    const docs = new Set(['bundl', 'goe', 'go', 'old', 'target', 'browser', 'preset', 'env']);
    const scene = answerabilityEvidence(
      'Our bundle goes through an old compressor. How do I target old browsers with preset-env?',
      0.6,
      (term) => docs.has(term),
    );
    expect(scene.absentWords).toContain('compressor');
    expect(scene.absentRarity).toBe(0);
    const asked = answerabilityEvidence('How do I configure the compressor?', 0.6, (term) => docs.has(term));
    expect(asked.absentRarity).toBeGreaterThan(0.5);
  });

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

describe('answerability in other languages', () => {
  const present = (terms: string[]) => (term: string) => terms.includes(term);

  it('finds an identifier written inside a longer one in the best sections', () => {
    const bestSections = 'Set `client.opts.retry.maxAttempts` to choose how many retries.';
    const absent = answerabilityEvidence('What does maxAttempts do?', 0.5, () => false);
    expect(absent.absentWords).toContain('maxAttempts');
    const found = answerabilityEvidence('What does maxAttempts do?', 0.5, () => false, { bestSections });
    expect(found.absentWords).not.toContain('maxAttempts');
    // Only a word written as code is looked for in the text: an everyday word stays absent.
    expect(
      answerabilityEvidence('Is retries documented?', 0.5, () => false, { bestSections }).absentWords,
    ).toContain('documented');
  });

  it('judges a Chinese question word by word', () => {
    const zh = analyzerFor('zh');
    expect(questionWords('如何配置代理服务器？', zh).map((word) => word.word)).toEqual([
      '配置',
      '代理',
      '服务',
      '器',
    ]);
    const evidence = answerabilityEvidence('如何配置代理？', 1, present(['配置', '代理']), { analyzer: zh });
    expect(evidence.absentWords).toEqual([]);
  });

  it('takes a product name in a Chinese question as the topic, and the reader’s own words as wording', () => {
    const zh = analyzerFor('zh');
    const named = answerabilityEvidence('pnpm 支持 Terraform 吗？', 0.5, present(['pnpm', '支持']), {
      analyzer: zh,
    });
    expect(named.absentWords).toEqual(['Terraform']);
    expect(named.absentRarity).toBe(1);
    const wording = answerabilityEvidence('怎样让 pnpm 走代理？', 0.5, present(['pnpm', '代理']), {
      analyzer: zh,
    });
    expect(wording.absentRarity).toBe(0);
  });

  it('does not count French or German everyday words as missing topics', () => {
    for (const [locale, question] of [
      ['fr', 'Comment est-ce que je vide le cache ?'],
      ['de', 'Wie leere ich den Cache?'],
    ] as const) {
      const analyzer = analyzerFor(locale);
      const evidence = answerabilityEvidence(question, 0.8, present(analyzer.analyze('cache')), {
        analyzer: analyzer,
      });
      expect(evidence.absentRarity, question).toBe(0);
    }
    const french = analyzerFor('fr');
    const named = answerabilityEvidence(
      'Comment activer le cache Redis ?',
      0.5,
      present(french.analyze('activer le cache')),
      { analyzer: french },
    );
    expect(named.absentWords).toEqual(['Redis']);
    expect(named.absentRarity).toBe(1);
  });
});
