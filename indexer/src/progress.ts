import type { CommandOutput } from './command-output.js';

/**
 * Progress while files are read: a bar redrawn in place on a terminal, a plain line at every quarter
 * otherwise (CI logs), nothing when quiet.
 */
export function createProgress(output: CommandOutput, quiet: boolean) {
  let lastQuarter = 0;
  return (done: number, total: number, path: string) => {
    if (quiet || total === 0) return;
    if (output.isTerminal) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      const name = path.length > 40 ? `…${path.slice(-39)}` : path;
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${name.padEnd(40)}`,
      );
      if (done === total) process.stderr.write('\n');
      return;
    }
    const quarter = Math.floor((done / total) * 4);
    if (quarter > lastQuarter || done === total) {
      lastQuarter = quarter;
      output.err(`read ${done}/${total} files`);
    }
  };
}
