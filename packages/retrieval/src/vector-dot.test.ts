import { seededRandom } from '@docent/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOT_KERNELS, dotCodes, dotRow, quantizeQuery } from './vector-dot.js';

/** The module as loaded with `DOCENT_SIMD=off`: the JavaScript kernels. */
async function javascriptKernels(): Promise<typeof import('./vector-dot.js')> {
  process.env.DOCENT_SIMD = 'off';
  vi.resetModules();
  try {
    return await import('./vector-dot.js');
  } finally {
    delete process.env.DOCENT_SIMD;
  }
}

afterEach(() => {
  delete process.env.DOCENT_SIMD;
});

describe('dot products', () => {
  const next = seededRandom(5);
  // 1,537: not a multiple of any SIMD width, so the kernels' tails are exercised too.
  const dimensions = 1537;
  const rows = 3;
  const query = Float32Array.from({ length: dimensions }, () => next() * 2 - 1);
  const codes = Int8Array.from({ length: rows * dimensions }, () => Math.round(next() * 254 - 127));
  const matrix = Float32Array.from({ length: rows * dimensions }, () => next() * 2 - 1);

  it('sums the quantized question × int8 codes exactly, at any row, in both kernels', async () => {
    const javascript = await javascriptKernels();
    expect(javascript.DOT_KERNELS).toBe('javascript');
    const quantized = quantizeQuery(query);
    for (let row = 0; row < rows; row++) {
      let expected = 0;
      for (let i = 0; i < dimensions; i++) expected += quantized.codes[i]! * codes[row * dimensions + i]!;
      expect(dotCodes(quantized, codes, row * dimensions)).toBe(expected);
      expect(javascript.dotCodes(javascript.quantizeQuery(query), codes, row * dimensions)).toBe(expected);
    }
  });

  it('matches a float64 sum for float32 rows in both kernels', async () => {
    const javascript = await javascriptKernels();
    for (let row = 0; row < rows; row++) {
      let expected = 0;
      for (let i = 0; i < dimensions; i++) expected += query[i]! * matrix[row * dimensions + i]!;
      expect(dotRow(query, matrix, row * dimensions)).toBeCloseTo(expected, 3);
      expect(javascript.dotRow(query, matrix, row * dimensions)).toBeCloseTo(expected, 3);
    }
  });

  // The repository installs the optional `simsimd` (a dev dependency); its binary is for linux-x64.
  it.skipIf(process.platform !== 'linux' || process.arch !== 'x64')(
    'uses the SIMD kernels where simsimd is installed and its binary fits',
    () => {
      expect(DOT_KERNELS).toBe('simsimd');
    },
  );
});

describe('quantizeQuery', () => {
  it('maps the largest magnitude to ±127 and keeps the dot product within rounding', () => {
    const unit = new Float32Array([0.6, -0.8, 0, 0.05]);
    const quantized = quantizeQuery(unit);
    expect([...quantized.codes]).toEqual([95, -127, 0, 8]);
    expect([...quantized.values]).toEqual([95, -127, 0, 8]);
    expect(quantized.scale).toBeCloseTo(127 / 0.8, 3);
    const other = new Int8Array([10, -20, 30, 40]);
    const exact = 0.6 * 10 + -0.8 * -20 + 0.05 * 40;
    expect(dotCodes(quantized, other, 0) / quantized.scale).toBeCloseTo(exact, 1);
  });

  it('gives zeros for the zero vector, and counts values that are not finite as 0', () => {
    expect([...quantizeQuery(new Float32Array(3)).codes]).toEqual([0, 0, 0]);
    const odd = quantizeQuery(new Float32Array([Number.NaN, 0.5, Number.POSITIVE_INFINITY, -0.25]));
    expect([...odd.codes]).toEqual([0, 127, 0, -63]);
    expect(odd.scale).toBeCloseTo(254, 6);
  });
});
