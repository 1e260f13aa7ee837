import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Dot products for the dense search. When the optional package `simsimd` (SimSIMD, native SIMD kernels
 * chosen for the CPU at run time) is installed next to Docent and its binary loads, they run there; else in
 * plain JavaScript loops. Measured on this project's 2-core x64 machine: 5,000 rows of 1,536 int8 values take
 * 0.6 ms in SimSIMD against 6–8 ms in JavaScript. SimSIMD 6.5.5 ships a working binary for linux-x64 only
 * (its linux-arm64 file is an x86-64 build); everywhere else, or with `DOCENT_SIMD=off`, the JavaScript
 * loops run, with the same results.
 */

type Kernels = { dot: (a: Int8Array | Float32Array, b: Int8Array | Float32Array) => number };

/** SimSIMD's native binding, loaded straight through `node-gyp-build` (not its JavaScript fallback), or null. */
function loadNative(): Kernels | null {
  if (process.env.DOCENT_SIMD === 'off') return null;
  try {
    const require = createRequire(import.meta.url);
    // …/simsimd/javascript/dist/cjs/simsimd.js -> …/simsimd
    const root = join(dirname(require.resolve('simsimd')), '..', '..', '..');
    const build = require(require.resolve('node-gyp-build', { paths: [root] })) as (dir: string) => unknown;
    const binding = build(root) as Partial<Kernels>;
    if (typeof binding.dot !== 'function') return null;
    // A binary for another CPU loads on some systems and then fails: check one known product.
    return binding.dot(new Int8Array([1, 2, 3]), new Int8Array([4, 5, 6])) === 32
      ? (binding as Kernels)
      : null;
  } catch {
    return null;
  }
}

const native = loadNative();

/** Which kernels the dense search uses: `simsimd` (native SIMD) or `javascript`. */
export const DOT_KERNELS: 'simsimd' | 'javascript' = native ? 'simsimd' : 'javascript';

/**
 * Dot product of `a` (the whole array) with the float32 row of `b` starting at `bAt`, `a.length` long (the
 * int8 scan has its own, `dotCodes`).
 */
export function dotRow(a: Float32Array, b: Float32Array, bAt: number): number {
  if (native) return native.dot(a, b.subarray(bAt, bAt + a.length));
  return floatLoop(a, b, bAt);
}

// The JavaScript kernels: four accumulators, which V8 runs about 1.5 times as fast as one running sum; one
// function per pair of element types (float × float here, float × int8 for `dotCodes`), so each stays
// monomorphic.

function floatLoop(a: Float32Array, b: Float32Array, bAt: number): number {
  const length = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = length - (length % 4);
  let i = 0;
  for (; i < end; i += 4) {
    s0 += a[i]! * b[bAt + i]!;
    s1 += a[i + 1]! * b[bAt + i + 1]!;
    s2 += a[i + 2]! * b[bAt + i + 2]!;
    s3 += a[i + 3]! * b[bAt + i + 3]!;
  }
  for (; i < length; i++) s0 += a[i]! * b[bAt + i]!;
  return s0 + s1 + s2 + s3;
}

/** A question quantized for the int8 scan (see `quantizeQuery`). */
export type QuantizedQuery = {
  /** `unit[i] * scale`, rounded: what the SIMD kernel multiplies with the codes. */
  codes: Int8Array;
  /** The same values as float32: the JavaScript loop multiplies these (V8 runs float × int8 faster). */
  values: Float32Array;
  scale: number;
};

/**
 * A unit vector scalar-quantized to int8 for the int8 scan: `codes[i] ≈ unit[i] * scale`, where
 * `scale = 127 / max |unit[i]|` (each value rounded to the nearest integer). Divide a dot product with the
 * codes by `scale` to get it in the units of `unit`. A vector with no finite non-zero value gives zero codes
 * and scale 1; non-finite values count as 0.
 */
export function quantizeQuery(unit: Float32Array): QuantizedQuery {
  let largest = 0;
  for (const value of unit) if (Number.isFinite(value)) largest = Math.max(largest, Math.abs(value));
  const scale = largest > 0 ? 127 / largest : 1;
  const codes = new Int8Array(unit.length);
  for (let i = 0; i < unit.length; i++) {
    const value = unit[i]!;
    codes[i] = Number.isFinite(value) ? Math.round(value * scale) : 0;
  }
  return { codes, values: Float32Array.from(codes), scale };
}

/**
 * The quantized question's dot product with the int8 row of `codes` at `at` (`query.codes.length` long):
 * an exact integer, whichever kernel computes it.
 */
export function dotCodes(query: QuantizedQuery, codes: Int8Array, at: number): number {
  if (native) return native.dot(query.codes, codes.subarray(at, at + query.codes.length));
  return floatInt8Loop(query.values, codes, at);
}

function floatInt8Loop(a: Float32Array, b: Int8Array, bAt: number): number {
  const length = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = length - (length % 4);
  let i = 0;
  for (; i < end; i += 4) {
    s0 += a[i]! * b[bAt + i]!;
    s1 += a[i + 1]! * b[bAt + i + 1]!;
    s2 += a[i + 2]! * b[bAt + i + 2]!;
    s3 += a[i + 3]! * b[bAt + i + 3]!;
  }
  for (; i < length; i++) s0 += a[i]! * b[bAt + i]!;
  return s0 + s1 + s2 + s3;
}
