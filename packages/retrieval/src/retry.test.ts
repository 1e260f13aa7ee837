import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './retry.js';

describe('retryAfterMs', () => {
  it.each([
    [{ headers: new Headers({ 'retry-after-ms': '250' }) }, 250],
    [{ headers: new Headers({ 'retry-after': '3' }) }, 3000],
    [{ headers: { 'retry-after': '2' } }, 2000],
    [{ headers: new Headers({ 'retry-after': new Date(10_000).toUTCString() }) }, 10_000 - 1_000],
    [{ headers: new Headers({ 'retry-after': 'soon' }) }, undefined],
    [{ status: 429 }, undefined],
    [null, undefined],
  ])('%j -> %j', (error, expected) => {
    expect(retryAfterMs(error, 1_000)).toBe(expected);
  });
});
