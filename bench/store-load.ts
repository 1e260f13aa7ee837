import { execFile } from 'node:child_process';
import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { median } from './statistics.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');

export type EngineFigures = {
  loadMs: number;
  rssMb: number;
  p50Ms: number;
  p95Ms: number;
  /** CPU time per question (see store-child.ts): less inflated than p50/p95 on a shared machine. */
  cpuP50Ms?: number;
  cpuP95Ms?: number;
};
export type SizeFigures = {
  chunks: number;
  local: EngineFigures & { packMs: number; fileMb: number };
  /** Absent when MiniSearch's serialised index does not fit in one JavaScript string. */
  minisearch: PeerFigures;
  orama: PeerFigures;
  flexsearch: PeerFigures;
};
export type PeerFigures = (EngineFigures & { buildMs: number; fileMb: number }) | { skipped: string };

/** A peer engine prepared in its own process (`peer-prepare.ts`), then measured like the others. */
async function measurePeer(
  engine: 'orama' | 'flexsearch',
  count: number,
  work: string,
  runs: number,
): Promise<PeerFigures> {
  // Preparing 300k chunks in these engines takes the better part of an hour on two cores.
  if (count > 100_000) return { skipped: 'measured up to 100k chunks' };
  const file = join(work, `${engine}-${count}.json`);
  try {
    const prepared = await script<{ buildMs?: number; skipped?: string }>(
      'peer-prepare.ts',
      [engine, String(count), work],
      true,
    );
    if (prepared.skipped) return { skipped: prepared.skipped };
    return {
      ...(await measured(engine, file, join(work, `queries-${count}.json`), runs)),
      buildMs: prepared.buildMs!,
      fileMb: (await stat(file)).size / 2 ** 20,
    };
  } catch (error) {
    const output = String((error as { stderr?: string }).stderr ?? error);
    return {
      skipped: /heap out of memory/.test(output)
        ? "its process ran out of memory at Node's default heap limit"
        : `its process failed: ${output.slice(-200)}`,
    };
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * Runs one bench script in a process of its own (`heap`: with a large heap, for preparing big indexes) and
 * returns the JSON line it printed last.
 */
export async function script<T>(name: string, args: string[], heap = false): Promise<T> {
  const { stdout } = await run(
    process.execPath,
    [
      ...(heap ? ['--max-old-space-size=16384'] : []),
      '--import',
      'tsx',
      '--conditions=source',
      join(root, 'bench', name),
      ...args,
    ],
    { cwd: root, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as T;
}

/** Runs one child (see `store-child.ts`) and returns what it printed. */
async function child(engine: string, file: string, queries: string): Promise<EngineFigures> {
  return script<EngineFigures>('store-child.ts', [engine, file, queries]);
}

/** Medians of each figure over `runs` children. */
async function measured(engine: string, file: string, queries: string, runs: number): Promise<EngineFigures> {
  const results: EngineFigures[] = [];
  for (let i = 0; i < runs; i++) results.push(await child(engine, file, queries));
  const of = (key: keyof EngineFigures) => median(results.map((result) => result[key] ?? Number.NaN));
  return {
    loadMs: of('loadMs'),
    rssMb: of('rssMb'),
    p50Ms: of('p50Ms'),
    p95Ms: of('p95Ms'),
    cpuP50Ms: of('cpuP50Ms'),
    cpuP95Ms: of('cpuP95Ms'),
  };
}

/** Memory of a child that loads nothing (Node, tsx and the libraries): what every figure includes. */
export async function baselineRssMb(work: string): Promise<number> {
  const queries = join(work, 'none-queries.json');
  await writeFile(queries, '[]');
  return (await measured('none', '', queries, 3)).rssMb;
}

/**
 * The local store and MiniSearch on the same synthetic chunks: each index prepared once (Docent's by the
 * indexer's packer, MiniSearch's by `JSON.stringify`, its own persistence) in a process of its own, then
 * loaded and searched in fresh child processes, `runs` times each.
 */
export async function measureStores(count: number, work: string, runs: number): Promise<SizeFigures> {
  const prepared = await script<{ packMs: number; buildMs?: number; skipped?: string }>(
    'store-prepare.ts',
    [String(count), work],
    true,
  );
  const queries = join(work, `queries-${count}.json`);
  const localFile = join(work, `local-${count}.docent`);
  const local = {
    ...(await measured('local', localFile, queries, runs)),
    packMs: prepared.packMs,
    fileMb: (await stat(localFile)).size / 2 ** 20,
  };
  await rm(localFile);
  const orama = await measurePeer('orama', count, work, runs);
  const flexsearch = await measurePeer('flexsearch', count, work, runs);
  if (prepared.skipped)
    return { chunks: count, local, minisearch: { skipped: prepared.skipped }, orama, flexsearch };
  const miniFile = join(work, `minisearch-${count}.json`);
  try {
    const minisearch = {
      ...(await measured('minisearch', miniFile, queries, runs)),
      buildMs: prepared.buildMs!,
      fileMb: (await stat(miniFile)).size / 2 ** 20,
    };
    return { chunks: count, local, minisearch, orama, flexsearch };
  } catch (error) {
    // E.g. out of memory at Node's default heap limit, which Docent's process runs with too.
    const output = String((error as { stderr?: string }).stderr ?? error);
    const reason = /heap out of memory/.test(output)
      ? "out of memory at Node's default heap limit"
      : output.slice(-200);
    return {
      chunks: count,
      local,
      minisearch: { skipped: `its loading process failed: ${reason}` },
      orama,
      flexsearch,
    };
  } finally {
    await rm(miniFile, { force: true });
  }
}

export type HybridFigures = EngineFigures & {
  chunks: number;
  dimensions: number;
  packMs: number;
  fileMb: number;
  ivfLists: number;
  overlapInt8: number;
  overlapRescored: number;
  overlapIvf: number;
  /** The IVF overlap with 4 to 64 lists probed (the served default is 16). */
  overlapIvfByProbes: Record<string, number>;
};

/**
 * The local store with dense vectors (int8 in memory, IVF lists, float32 on disk) on synthetic chunks with
 * clustered vectors: prepared in a process of its own, then loaded and searched (sparse + dense, fused) in
 * fresh children. Also reports how much of the float32 top 10 the int8 codes find: a scan of all of them,
 * alone and re-scored, and the IVF lists re-scored (what the store serves).
 */
export async function measureHybrid(
  count: number,
  dimensions: number,
  work: string,
  runs: number,
): Promise<HybridFigures> {
  const prepared = await script<{
    packMs: number;
    ivfLists: number;
    overlapInt8: number;
    overlapRescored: number;
    overlapIvf: number;
    overlapIvfByProbes: Record<string, number>;
  }>('hybrid-prepare.ts', [String(count), String(dimensions), work], true);
  const file = join(work, `hybrid-${count}.docent`);
  try {
    const figures = await measured('hybrid', file, join(work, `hybrid-queries-${count}.json`), runs);
    return { chunks: count, dimensions, ...figures, ...prepared, fileMb: (await stat(file)).size / 2 ** 20 };
  } finally {
    await rm(file, { force: true });
  }
}
