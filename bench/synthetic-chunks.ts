import type { StoredChunk } from '@docent/protocol';
import { MemoryIndex } from '@docent/retrieval';
import { median, percentile } from './statistics.js';

/** A deterministic pseudo-random generator (mulberry32), so every run measures the same corpus. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Synthetic docs-like chunks: ~220 words each drawn from a Zipf-distributed 20k-word vocabulary. */
export function syntheticChunks(count: number, seed = 1): { chunks: StoredChunk[]; vocabulary: string[] } {
  const next = random(seed);
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

export type SearchLatency = {
  chunks: number;
  buildMs: number;
  p50Ms: number;
  p95Ms: number;
  queries: number;
};

/** Search latency of the local store's in-memory index: 3 rounds of 200 queries, medians of the rounds. */
export function measureSearchLatency(count: number): SearchLatency {
  const { chunks, vocabulary } = syntheticChunks(count);
  const started = performance.now();
  const index = new MemoryIndex(chunks, { embedder: null, builtAt: new Date().toISOString() });
  const buildMs = performance.now() - started;
  const next = random(42);
  // Queries mix common and rare words, 3 to 7 of them, like a reader's question after stop words.
  const queries = Array.from({ length: 200 }, () =>
    Array.from(
      { length: 3 + Math.floor(next() * 5) },
      () => vocabulary[Math.floor(next() ** 2 * 5000)]!,
    ).join(' '),
  );
  for (const query of queries.slice(0, 20)) index.search({ text: query, filter: { locale: 'en' } });
  const rounds = [0, 1, 2].map(() => {
    const times = queries.map((query) => {
      const start = performance.now();
      index.search({ text: query, filter: { locale: 'en' } });
      return performance.now() - start;
    });
    return { p50: percentile(times, 50), p95: percentile(times, 95) };
  });
  return {
    chunks: count,
    buildMs,
    p50Ms: median(rounds.map((round) => round.p50)),
    p95Ms: median(rounds.map((round) => round.p95)),
    queries: queries.length * rounds.length,
  };
}
