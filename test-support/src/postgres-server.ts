import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export type PostgresServer = {
  url: string;
  /** Stops the server (the database is down) and starts it again on the same port and data. */
  stop(): void;
  start(): void;
  /** Stalls every process of the server with SIGSTOP (connections open, nothing answers); `resume` undoes it. */
  pause(): void;
  resume(): void;
  /** Stops it for good and removes its data. */
  destroy(): void;
};

/** Where Debian's postgresql package puts its programs (the newest version), or null. */
function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temporary folder (as the `postgres` user when the
 * tests run as root, which PostgreSQL refuses to run as), trust authentication on 127.0.0.1 only, a free
 * port. Returns a reason instead when PostgreSQL is not installed (`node scripts/ensure-setup.mjs
 * --postgres` installs it with apt).
 */
export async function startPostgres(): Promise<PostgresServer | { skipped: string }> {
  const bin = postgresBin();
  if (!bin) {
    return {
      skipped:
        'PostgreSQL is not installed: run `node scripts/ensure-setup.mjs --postgres` as root (Debian/Ubuntu: apt-get install postgresql) to run these tests',
    };
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const data = mkdtempSync(join(tmpdir(), 'docent-pg-'));
  if (root) chownSync(data, Number(id('-u')), Number(id('-g')));
  const as = (program: string, args: string[]) => {
    const command = root ? 'runuser' : join(bin, program);
    const argv = root ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
    const result = spawnSync(command, argv, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(
        `${program} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`,
      );
    }
  };
  const port = await freePort();
  as('initdb', ['-D', data, '-A', 'trust', '-U', 'docent', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${data} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () =>
    as('pg_ctl', ['-D', data, '-o', options, '-l', join(data, 'server.log'), '-w', 'start']);
  const stop = () => as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    url: `postgres://docent@127.0.0.1:${port}/postgres`,
    stop,
    start,
    pause: () => signalCluster(data, 'SIGSTOP'),
    resume: () => signalCluster(data, 'SIGCONT'),
    destroy() {
      try {
        stop();
      } catch {
        // Already stopped.
      }
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** Sends `signal` to the postmaster of the cluster in `data` and to every process it started. */
function signalCluster(data: string, signal: NodeJS.Signals): void {
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = spawnSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
  for (const pid of [postmaster, ...children]) process.kill(pid, signal);
}

function id(flag: '-u' | '-g'): string {
  return spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim();
}
