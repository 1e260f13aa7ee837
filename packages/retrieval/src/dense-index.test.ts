import { seededRandom } from '@docent/test-support';
import { describe, expect, it } from 'vitest';
import { DenseIndex } from './dense-index.js';
import { quantizeVectors } from './quantize-vectors.js';

function unitVectors(count: number, dimensions: number, seed: number): Float32Array {
  const next = seededRandom(seed);
  const vectors = new Float32Array(count * dimensions);
  for (let document = 0; document < count; document++) {
    const row = Array.from({ length: dimensions }, () => next() * 2 - 1);
    DenseIndex.normalise(row, vectors, document * dimensions, dimensions);
  }
  return vectors;
}

function exactTop(vectors: Float32Array, query: number[], dimensions: number, k: number): number[] {
  const unit = new Float64Array(dimensions);
  DenseIndex.normalise(query, unit, 0, dimensions);
  const scores = Array.from({ length: vectors.length / dimensions }, (_, document) => {
    let dot = 0;
    for (let i = 0; i < dimensions; i++) dot += unit[i]! * vectors[document * dimensions + i]!;
    return [document, dot] as const;
  });
  return scores
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([document]) => document);
}

describe('DenseIndex over int8 vectors', () => {
  const dimensions = 96;
  const count = 2000;
  const vectors = unitVectors(count, dimensions, 7);
  const { codes, scales } = quantizeVectors(vectors, count, dimensions);
  const queries = Array.from(
    unitVectors(20, dimensions, 11).reduce<number[][]>((rows, value, at) => {
      if (at % dimensions === 0) rows.push([]);
      rows.at(-1)!.push(value);
      return rows;
    }, []),
  );

  it('returns the float32 top 10 when the originals re-score its candidates', () => {
    const index = new DenseIndex(codes, scales, dimensions, (document) =>
      vectors.subarray(document * dimensions, (document + 1) * dimensions),
    );
    for (const query of queries) {
      expect([...index.nearest(query, () => true, 10).keys()]).toEqual(
        exactTop(vectors, query, dimensions, 10),
      );
    }
  });

  it('keeps most of the float32 top 10 from the int8 codes alone', () => {
    const index = new DenseIndex(codes, scales, dimensions);
    let overlap = 0;
    for (const query of queries) {
      const exact = new Set(exactTop(vectors, query, dimensions, 10));
      overlap += [...index.nearest(query, () => true, 10).keys()].filter((document) =>
        exact.has(document),
      ).length;
    }
    expect(overlap / (queries.length * 10)).toBeGreaterThan(0.9);
  });

  it('stores a quarter of the float32 bytes', () => {
    expect(codes.byteLength + scales.byteLength).toBeLessThan(vectors.byteLength / 3.5);
  });
});
