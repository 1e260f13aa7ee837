import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { seededRandom } from '@docent/test-support';
import { describe, expect, it } from 'vitest';
import { dotRow, quantizeQuery } from './vector-dot.js';

const run = promisify(execFile);

describe('dotRow', () => {
  const next = seededRandom(5);
  // 1,537: not a multiple of any SIMD width, so the kernels' tails are exercised too.
  const dimensions = 1537;
  const rows = 3;

  it('sums int8 × int8 exactly, at any row', () => {
    const query = Int8Array.from({ length: dimensions }, () => Math.round(next() * 254 - 127));
    const codes = Int8Array.from({ length: rows * dimensions }, () => Math.round(next() * 254 - 127));
    for (let row = 0; row < rows; row++) {
      let expected = 0;
      for (let i = 0; i < dimensions; i++) expected += query[i]! * codes[row * dimensions + i]!;
      expect(dotRow(query, codes, row * dimensions)).toBe(expected);
    }
  });

  it('matches a float64 sum for float32 rows', () => {
    const query = Float32Array.from({ length: dimensions }, () => next() * 2 - 1);
    const matrix = Float32Array.from({ length: rows * dimensions }, () => next() * 2 - 1);
    for (let row = 0; row < rows; row++) {
      let expected = 0;
      for (let i = 0; i < dimensions; i++) expected += query[i]! * matrix[row * dimensions + i]!;
      expect(dotRow(query, matrix, row * dimensions)).toBeCloseTo(expected, 3);
    }
  });
});

describe('quantizeQuery', () => {
  it('maps the largest magnitude to ±127 and keeps the dot product within rounding', () => {
    const unit = new Float32Array([0.6, -0.8, 0, 0.05]);
    const { codes, scale } = quantizeQuery(unit);
    expect([...codes]).toEqual([95, -127, 0, 8]);
    expect(scale).toBeCloseTo(127 / 0.8, 3);
    const other = new Int8Array([10, -20, 30, 40]);
    const exact = 0.6 * 10 + -0.8 * -20 + 0.05 * 40;
    expect(dotRow(codes, other, 0) / scale).toBeCloseTo(exact, 1);
  });

  it('gives zeros for the zero vector', () => {
    expect([...quantizeQuery(new Float32Array(3)).codes]).toEqual([0, 0, 0]);
  });
});

describe('the SIMD kernels', () => {
  it('load natively here (SimSIMD warns on stderr when it falls back to JavaScript)', async () => {
    // A module file, as the server runs: SimSIMD finds its binary from the importing file's path.
    const folder = await mkdtemp(join(tmpdir(), 'docent-simd-'));
    try {
      const script = join(folder, 'probe.mjs');
      const module = fileURLToPath(new URL('./vector-dot.ts', import.meta.url));
      await writeFile(
        script,
        `const { dotRow } = await import(${JSON.stringify(module)});\nconsole.log(dotRow(new Int8Array([1, 2, 3]), new Int8Array([4, 5, 6]), 0));\n`,
      );
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script], {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
      });
      expect(stdout.trim()).toBe('32');
      expect(stderr).toBe('');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
