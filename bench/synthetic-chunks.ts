import type { StoredChunk } from '@docent/protocol';
import { seededRandom } from '@docent/test-support';

/** Synthetic docs-like chunks: ~220 words each drawn from a Zipf-distributed 20k-word vocabulary. */
export function syntheticChunks(count: number, seed = 1): { chunks: StoredChunk[]; vocabulary: string[] } {
  const next = seededRandom(seed);
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}x${(i * 7919) % 97}`);
  const weights = vocabulary.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const weight of weights) {
    sum += weight / total;
    cumulative.push(sum);
  }
  const pick = () => {
    const target = next();
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low]!;
  };
  const chunks = Array.from({ length: count }, (_, i): StoredChunk => {
    const words = Array.from({ length: 220 }, pick).join(' ');
    return {
      id: `c${i}`,
      text: `Page ${i >> 3} > Section ${i}\n\n${words}`,
      sourcePath: `page-${i >> 3}.md`,
      headings: [`Page ${i >> 3}`, `Section ${i}`],
      url: `/docs/page-${i >> 3}#section-${i}`,
      title: `Page ${i >> 3}`,
      locale: i % 10 === 0 ? 'fr' : 'en',
      version: 'current',
      hash: `h${i}`,
    };
  });
  return { chunks, vocabulary };
}

/** 200 questions mixing common and rare words, 3 to 7 of them, like a reader's question after stop words. */
export function syntheticQueries(vocabulary: readonly string[], count = 200): string[] {
  const next = seededRandom(42);
  return Array.from({ length: count }, () =>
    Array.from(
      { length: 3 + Math.floor(next() * 5) },
      () => vocabulary[Math.floor(next() ** 2 * 5000)]!,
    ).join(' '),
  );
}
