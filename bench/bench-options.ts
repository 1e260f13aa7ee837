import { parseArgs } from 'node:util';

/** The parts of `pnpm bench`, in the order a full run measures them (`--only` picks some). */
export const BENCH_PARTS = [
  'stores',
  'hybrid',
  'overlap',
  'retrieval',
  'question-log',
  'indexer',
  'locales',
  'server',
  'typeahead',
  'widget',
] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];
/** Other names accepted by `--only`. */
const PART_ALIASES: Record<string, BenchPart> = { peers: 'stores', 'question-log': 'question-log' };

export const BENCH_USAGE = `Usage: pnpm bench [-- options]

Runs every benchmark (the local store against MiniSearch, Orama and FlexSearch at 1k to 300k chunks, the
hybrid store with int8 vectors, indexing, the answer service, widget size, retrieval against lunr) and prints
one line per figure. About 40 minutes on 2 cores; --quick about 1.

Options:
  --json <file>      also write every figure as JSON (the Benchmarks page is generated from it); with
                     --only, the figures measured are merged into that file when it exists, the others kept
  --only <parts>     measure only these parts, comma-separated: ${BENCH_PARTS.join(', ')}
                     (peers = stores: Docent's local store beside MiniSearch, Orama and FlexSearch)
  --sizes <labels>   store and hybrid sizes to measure, comma-separated (1k, 10k, 100k, 300k)
  --quick            1k chunks only, one process each, no widget build, no real-vector overlap (a smoke run)
  --streams <n>      concurrent answer streams to hold (default 500)
  -h, --help         this text

Example: pnpm bench -- --only hybrid,peers --sizes 10k --json bench/latest.json`;

export type BenchOptions = {
  json?: string;
  quick: boolean;
  streams: number;
  /** The parts to measure: every part unless --only. */
  parts: Set<BenchPart>;
  /** Whether only some parts are measured (their figures are merged into an existing --json file). */
  partial: boolean;
  /** Store sizes to measure (labels), or null for the default sizes. */
  sizes: Set<string> | null;
  help: boolean;
};

/**
 * Reads `pnpm bench`'s arguments (pnpm passes a literal `--` through; it is ignored). Throws an Error whose
 * message names the bad option or part and says what to do.
 */
export function parseBenchOptions(argv: string[]): BenchOptions {
  let values: {
    json?: string;
    quick?: boolean;
    streams?: string;
    only?: string;
    sizes?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv.filter((argument) => argument !== '--'),
      options: {
        json: { type: 'string' },
        quick: { type: 'boolean' },
        streams: { type: 'string' },
        only: { type: 'string' },
        sizes: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}. Run \`pnpm bench -- --help\` for the options.`);
  }
  const list = (text: string) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const parts = new Set<BenchPart>();
  for (const name of values.only ? list(values.only) : BENCH_PARTS) {
    const part = PART_ALIASES[name] ?? (BENCH_PARTS as readonly string[]).find((known) => known === name);
    if (!part)
      throw new Error(`--only: unknown part "${name}". Known parts: ${BENCH_PARTS.join(', ')} (or peers).`);
    parts.add(part as BenchPart);
  }
  const streams = Number(values.streams ?? 500);
  if (!Number.isInteger(streams) || streams < 1)
    throw new Error(`--streams must be a whole number of streams, got "${values.streams}".`);
  return {
    ...(values.json ? { json: values.json } : {}),
    quick: values.quick ?? false,
    streams,
    parts,
    partial: values.only !== undefined,
    sizes: values.sizes ? new Set(list(values.sizes)) : null,
    help: values.help ?? false,
  };
}
