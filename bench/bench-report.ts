import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { mergeFigures } from './merge-figures.js';
import { round } from './statistics.js';

/**
 * The figures of one bench run: one printed line per figure (`row`) and the JSON written by `--json`
 * (`results`, filled by each part).
 */
export class BenchReport {
  readonly rows: [string, string, string][] = [];
  readonly results: Record<string, unknown>;
  private readonly started = performance.now();

  constructor() {
    this.results = {
      machine: {
        cores: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        memoryGb: round(totalmem() / 2 ** 30, 1),
        node: process.version,
        // The machine may be shared: the 1-minute load average when the run started.
        loadAverage: round(loadavg()[0]!, 1),
      },
      measuredAt: new Date().toISOString(),
    };
  }

  /** Records one printed figure (and echoes it on stderr as it is measured). */
  row(name: string, value: string, note = ''): void {
    this.rows.push([name, value, note]);
    console.error(`  ${name}: ${value}`);
  }

  /** Prints the table of every figure. */
  print(): void {
    this.results.durationSeconds = round((performance.now() - this.started) / 1000, 0);
    const machine = this.results.machine as {
      cores: number;
      cpu: string;
      memoryGb: number;
      loadAverage: number;
    };
    console.log(
      `\nDocent benchmarks: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${process.version}, load average ${machine.loadAverage}\n`,
    );
    const width = Math.max(0, ...this.rows.map(([name]) => name.length));
    for (const [name, value, note] of this.rows)
      console.log(`${name.padEnd(width)}  ${value.padEnd(34)}  ${note}`);
    console.log(`\n(${this.results.durationSeconds} s)`);
  }

  /**
   * Writes the JSON. A partial run (`parts`: the parts it measured) is merged into the file when it exists:
   * its figures replace the same ones, every other figure and the full run's machine and date are kept,
   * and `updates` lists each partial run (parts, sizes when --sizes chose them, date, machine load).
   */
  async write(
    path: string,
    parts: readonly string[] | null,
    sizes: readonly string[] | null = null,
  ): Promise<void> {
    let output = this.results;
    if (parts && existsSync(path)) {
      const previous = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
      const { machine, measuredAt, durationSeconds, ...figures } = this.results;
      const updates = Array.isArray(previous.updates) ? previous.updates : [];
      output = {
        ...mergeFigures(previous, figures),
        updates: [...updates, { parts, ...(sizes ? { sizes } : {}), measuredAt, machine, durationSeconds }],
      };
    }
    await writeFile(path, `${JSON.stringify(output, null, 2)}\n`);
    console.log(`wrote ${path}`);
  }
}
