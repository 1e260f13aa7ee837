import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_PARTS, parseBenchOptions } from '../bench/bench-options.js';
import { BenchReport } from '../bench/bench-report.js';
import { mergeFigures } from '../bench/merge-figures.js';

describe('pnpm bench --only', () => {
  it('measures every part unless told, and only the parts named with --only (peers = stores)', () => {
    expect([...parseBenchOptions([]).parts]).toEqual([...BENCH_PARTS]);
    const options = parseBenchOptions(['--', '--only', 'hybrid,peers', '--sizes', '10k,100k']);
    expect([...options.parts]).toEqual(['hybrid', 'stores']);
    expect(options.partial).toBe(true);
    expect([...options.sizes!]).toEqual(['10k', '100k']);
  });

  it('refuses an unknown part, naming the known ones', () => {
    expect(() => parseBenchOptions(['--only', 'hybird'])).toThrow(
      /unknown part "hybird"\. Known parts: stores, hybrid, overlap/,
    );
    expect(() => parseBenchOptions(['--frobnicate'])).toThrow(/pnpm bench -- --help/);
  });

  it('merges figures key by key: the fresh ones replace theirs, the others stay', () => {
    const previous = {
      search: { local: { '1k': { p50Ms: 1 } }, hybrid: { '10k': { p50Ms: 9 }, '100k': { p50Ms: 310 } } },
      server: { firstSourceP50Ms: 3 },
    };
    const merged = mergeFigures(previous, { search: { hybrid: { '100k': { p50Ms: 4 } } } });
    expect(merged).toEqual({
      search: { local: { '1k': { p50Ms: 1 } }, hybrid: { '10k': { p50Ms: 9 }, '100k': { p50Ms: 4 } } },
      server: { firstSourceP50Ms: 3 },
    });
    expect(previous.search.hybrid['100k'].p50Ms).toBe(310);
  });
});

describe('the JSON of a partial run', () => {
  let folder = '';
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('is merged into the existing file, keeping the full run’s date and machine and listing the update', async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-bench-json-'));
    const path = join(folder, 'latest.json');
    const full = {
      machine: { cores: 2 },
      measuredAt: '2026-11-01T00:00:00.000Z',
      search: { local: { '100k': { p95Ms: 2 } } },
      server: { firstSourceP50Ms: 3 },
    };
    await writeFile(path, JSON.stringify(full));
    const report = new BenchReport();
    report.results.search = { hybrid: { '100k': { p95Ms: 7 } } };
    await report.write(path, ['hybrid'], ['100k']);
    const written = JSON.parse(await readFile(path, 'utf8'));
    expect(written.measuredAt).toBe(full.measuredAt);
    expect(written.machine).toEqual(full.machine);
    expect(written.search).toEqual({ local: { '100k': { p95Ms: 2 } }, hybrid: { '100k': { p95Ms: 7 } } });
    expect(written.server).toEqual(full.server);
    expect(written.updates).toHaveLength(1);
    expect(written.updates[0].parts).toEqual(['hybrid']);
    expect(written.updates[0].sizes).toEqual(['100k']);
    expect(typeof written.updates[0].machine.loadAverage).toBe('number');
  });

  it('is written whole when there is no file yet', async () => {
    folder ||= await mkdtemp(join(tmpdir(), 'docent-bench-json-'));
    const path = join(folder, 'fresh.json');
    const report = new BenchReport();
    report.results.search = { hybrid: {} };
    await report.write(path, ['hybrid']);
    const written = JSON.parse(await readFile(path, 'utf8'));
    expect(written.search).toEqual({ hybrid: {} });
    expect(written.updates).toBeUndefined();
  });
});
