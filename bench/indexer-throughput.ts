import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type IndexSummary, indexCommand } from '@docent/indexer';
import { median } from './statistics.js';

export type IndexerFigures = {
  files: number;
  chunks: number;
  ms: number;
  chunksPerSecond: number;
  noopMs: number;
};

async function run(args: string[]): Promise<IndexSummary & { wall: number }> {
  const started = performance.now();
  const code = await indexCommand(
    [...args, '--quiet'],
    {},
    { out: () => {}, err: () => {}, isTerminal: false },
  );
  const wall = performance.now() - started;
  if (code !== 0) throw new Error(`docent-index ${args.join(' ')} exited with ${code}`);
  const json = args[args.indexOf('--json') + 1]!;
  return { ...(JSON.parse(await readFile(json, 'utf8')) as IndexSummary), wall };
}

/**
 * Full index of a folder (fresh index file, median of 3) and the no-op re-run (median of 3); `locale` is the
 * pages' locale (`--locale`), which picks their analyzer.
 */
export async function measureIndexer(docs: string, locale = 'en'): Promise<IndexerFigures> {
  const folder = await mkdtemp(join(tmpdir(), 'docent-bench-index-'));
  try {
    const full: (IndexSummary & { wall: number })[] = [];
    for (let round = 0; round < 3; round++) {
      full.push(
        await run([
          '--docs',
          docs,
          '--base-url',
          '/docs',
          '--locale',
          locale,
          '--markdown-format',
          'detect',
          '--out',
          join(folder, `full-${round}.docent`),
          '--json',
          join(folder, 'full.json'),
        ]),
      );
    }
    const noop: number[] = [];
    for (let round = 0; round < 3; round++) {
      const summary = await run([
        '--docs',
        docs,
        '--base-url',
        '/docs',
        '--locale',
        locale,
        '--markdown-format',
        'detect',
        '--out',
        join(folder, 'full-0.docent'),
        '--json',
        join(folder, 'noop.json'),
      ]);
      if (summary.new + summary.changed + summary.deleted !== 0 || summary.embeddingCalls !== 0)
        throw new Error('the no-op run changed something');
      noop.push(summary.wall);
    }
    const ms = median(full.map((summary) => summary.wall));
    const chunks = full[0]!.chunks;
    return { files: full[0]!.files, chunks, ms, chunksPerSecond: chunks / (ms / 1000), noopMs: median(noop) };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
