import { indexCommand } from '../src/index-command.js';

export type CliRun = { code: number; out: string; err: string };

/** Runs `docent-index` in-process with the given arguments and environment, capturing its output. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await indexCommand(args, env, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    isTerminal: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
