import type { BenchReport } from './bench-report.js';
import { round } from './statistics.js';
import { type EngineFigures, measureHybrid, measureStores, script } from './store-load.js';

type Size = [label: string, chunks: number, runs: number];
/** What decides the sizes measured: --quick (1k, one process) and --sizes (labels). */
export type SizeChoice = { quick: boolean; sizes: Set<string> | null };

const STORE_SIZES: Size[] = [
  ['1k', 1_000, 3],
  ['10k', 10_000, 3],
  ['100k', 100_000, 3],
  ['300k', 300_000, 1],
];
const HYBRID_SIZES: Size[] = [
  ['1k', 1_000, 1],
  ['10k', 10_000, 3],
  ['100k', 100_000, 1],
];

function chosen(all: Size[], defaults: string[], choice: SizeChoice): Size[] {
  if (choice.quick) return [['1k', 1_000, 1]];
  return all.filter(([label]) => (choice.sizes ? choice.sizes.has(label) : defaults.includes(label)));
}

/** The search figures of an engine as the JSON records them. */
function engineFigures(figures: EngineFigures): Record<string, number> {
  return {
    loadMs: round(figures.loadMs, 0),
    rssMb: round(figures.rssMb, 0),
    p50Ms: round(figures.p50Ms, 3),
    p95Ms: round(figures.p95Ms, 3),
    ...(Number.isFinite(figures.cpuP50Ms) ? { cpuP50Ms: round(figures.cpuP50Ms!, 3) } : {}),
    ...(Number.isFinite(figures.cpuP95Ms) ? { cpuP95Ms: round(figures.cpuP95Ms!, 3) } : {}),
  };
}

const line = (f: EngineFigures) =>
  `load ${round(f.loadMs, 0)} ms, ${round(f.rssMb, 0)} MB, p50 ${round(f.p50Ms, 3)} ms, p95 ${round(f.p95Ms, 3)} ms`;

/**
 * The local store beside MiniSearch, Orama and FlexSearch (`search.local|minisearch|orama|flexsearch.<size>`
 * and MiniSearch's ratios), each engine in fresh processes: returns the figures for `search`.
 */
export async function recordStores(
  report: BenchReport,
  work: string,
  choice: SizeChoice,
): Promise<Record<string, Record<string, unknown>>> {
  const stores: Record<string, Record<string, unknown>> = {
    local: {},
    minisearch: {},
    orama: {},
    flexsearch: {},
    ratios: {},
  };
  for (const [label, count, runs] of chosen(STORE_SIZES, ['1k', '10k', '100k', '300k'], choice)) {
    const measured = await measureStores(count, work, runs);
    const local = measured.local;
    stores.local![label] = {
      ...engineFigures(local),
      packMs: round(local.packMs, 0),
      fileMb: round(local.fileMb, 1),
    };
    report.row(
      `search.local.${label}`,
      line(local),
      `index file ${round(local.fileMb, 1)} MB, packed by the indexer in ${round(local.packMs / 1000, 1)} s; median of ${runs} process${runs > 1 ? 'es' : ''}`,
    );
    for (const name of ['orama', 'flexsearch', 'minisearch'] as const) {
      const other = measured[name];
      if ('skipped' in other) {
        stores[name]![label] = { skipped: other.skipped };
        report.row(`search.${name}.${label}`, 'not measured', other.skipped);
        continue;
      }
      stores[name]![label] = {
        ...engineFigures(other),
        buildMs: round(other.buildMs, 0),
        fileMb: round(other.fileMb, 1),
      };
      const ratios = {
        loadMs: round(other.loadMs / local.loadMs, 1),
        rssMb: round(other.rssMb / local.rssMb, 1),
        p50Ms: round(other.p50Ms / local.p50Ms, 1),
        p95Ms: round(other.p95Ms / local.p95Ms, 1),
      };
      if (name === 'minisearch') stores.ratios![label] = ratios;
      report.row(
        `search.${name}.${label}`,
        line(other),
        `${name} ÷ Docent: load x${ratios.loadMs}, memory x${ratios.rssMb}, p50 x${ratios.p50Ms}, p95 x${ratios.p95Ms}`,
      );
    }
  }
  return stores;
}

/**
 * The local store with 1,536-dimension vectors (int8 in memory, IVF lists from 4,096 vectors, float32 on
 * disk), sparse and dense fused: `search.hybrid.<size>` with the top-10 overlap with float32.
 */
export async function recordHybrid(
  report: BenchReport,
  work: string,
  choice: SizeChoice,
): Promise<Record<string, unknown>> {
  const hybrid: Record<string, unknown> = {};
  for (const [label, count, runs] of chosen(HYBRID_SIZES, ['10k', '100k'], choice)) {
    const f = await measureHybrid(count, 1536, work, runs);
    hybrid[label] = {
      ...engineFigures(f),
      packMs: round(f.packMs, 0),
      fileMb: round(f.fileMb, 1),
      dimensions: f.dimensions,
      ivfLists: f.ivfLists,
      overlapInt8: round(f.overlapInt8, 3),
      overlapRescored: round(f.overlapRescored, 3),
      overlapIvf: round(f.overlapIvf, 3),
      overlapIvfByProbes: f.overlapIvfByProbes,
    };
    report.row(
      `search.hybrid.${label}`,
      line(f),
      `CPU per question p50 ${round(f.cpuP50Ms ?? Number.NaN, 3)} ms, p95 ${round(f.cpuP95Ms ?? Number.NaN, 3)} ms; ${f.dimensions} dimensions, ${f.ivfLists} IVF lists; top-10 overlap with float32: int8 scan ${round(f.overlapInt8, 3)}, re-scored ${round(f.overlapRescored, 3)}, IVF re-scored (served) ${round(f.overlapIvf, 3)}; file ${round(f.fileMb, 0)} MB`,
    );
  }
  return hybrid;
}

/**
 * Top-10 overlap with float32 on real sentence vectors (the offline Universal Sentence Encoder lite) on the
 * hono, pnpm and redux eval corpora (`use-overlap.ts`, in a process of its own): `search.realVectors`.
 */
export async function recordOverlap(report: BenchReport): Promise<Record<string, unknown>> {
  const corpora = await script<Record<string, Record<string, number>>>('use-overlap.ts', [], true);
  for (const [name, f] of Object.entries(corpora)) {
    report.row(
      `search.realVectors.${name}`,
      `int8 ${f.overlapInt8}, re-scored ${f.overlapRescored}, IVF ${f.overlapIvf}`,
      `top-10 overlap with float32; ${f.chunks} chunks, ${f.questions} questions, ${f.dimensions} dimensions (USE lite), ${f.lists} IVF lists, 16 probes`,
    );
  }
  return { model: 'Universal Sentence Encoder lite (@energetic-ai/embeddings), 512 dimensions', corpora };
}
