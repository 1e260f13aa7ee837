import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

export type Started = { process: ChildProcess; match: RegExpExecArray; stop: () => Promise<void> };

/** Starts a TypeScript entry point with tsx and waits for a line of its output that matches `ready`. */
export async function startProcess(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<Started> {
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=source', entry, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}:\n${output}`)));
  });
  return {
    process: child,
    match,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Peak resident memory of a process in MB (Linux: VmHWM), or NaN where /proc is not available. */
export function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** tsx runs the entry as a child of its own process: the process whose memory matters is that child. */
export function entryPid(wrapper: number): number {
  try {
    const children = readFileSync(`/proc/${wrapper}/task/${wrapper}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    return children.find((pid) => pid > 0) ?? wrapper;
  } catch {
    return wrapper;
  }
}
