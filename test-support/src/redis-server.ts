import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export type RedisServer = {
  url: string;
  port: number;
  /** Stops the server (Redis is down) and starts it again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  destroy(): Promise<void>;
};

const REDIS = '/usr/bin/redis-server';

/**
 * A throwaway Redis for tests: Debian's `redis-server` on a free loopback port, no persistence, in a
 * temporary folder. Returns a reason instead when Redis is not installed (`node scripts/ensure-setup.mjs
 * --redis` installs it with apt).
 */
export async function startRedis(): Promise<RedisServer | { skipped: string }> {
  if (!existsSync(REDIS)) {
    return {
      skipped:
        'Redis is not installed: run `node scripts/ensure-setup.mjs --redis` as root (Debian/Ubuntu: apt-get install redis-server) to run these tests',
    };
  }
  const folder = mkdtempSync(join(tmpdir(), 'docent-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      REDIS,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder],
      { stdio: 'ignore' },
    );
    for (let attempt = 0; attempt < 100; attempt++) {
      const ping = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
      if (ping.stdout?.trim() === 'PONG') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    destroy: async () => {
      await stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
