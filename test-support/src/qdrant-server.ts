import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port.js';

export type QdrantServer = { url: string; stop(): Promise<void> };

/** The Qdrant binary: `QDRANT_BIN`, else `qdrant` on the PATH, else null. */
export function qdrantBinary(): string | null {
  if (process.env.QDRANT_BIN) return existsSync(process.env.QDRANT_BIN) ? process.env.QDRANT_BIN : null;
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(folder, 'qdrant');
    if (folder && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * A throwaway Qdrant for the store contract suite when its binary is on this machine (Qdrant's release
 * archive, `QDRANT_BIN` or `qdrant` on the PATH): free loopback ports, storage in a temporary folder,
 * configured through Qdrant's `QDRANT__…` environment variables, telemetry off. Returns a reason instead
 * when there is no binary. `QDRANT_URL` (a Qdrant already running) is used by the tests before this.
 */
export async function startQdrant(): Promise<QdrantServer | { skipped: string }> {
  const binary = qdrantBinary();
  if (!binary) {
    return {
      skipped:
        'no Qdrant: set QDRANT_URL to a running Qdrant (`docker compose up qdrant`), or put the qdrant binary on the PATH (or QDRANT_BIN)',
    };
  }
  if (spawnSync(binary, ['--version'], { encoding: 'utf8' }).status !== 0) {
    return { skipped: `${binary} --version failed: it is not a Qdrant binary for this machine` };
  }
  const storage = mkdtempSync(join(tmpdir(), 'docent-qdrant-'));
  const [http, grpc] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(binary, [], {
    cwd: storage,
    env: {
      ...process.env,
      QDRANT__SERVICE__HOST: '127.0.0.1',
      QDRANT__SERVICE__HTTP_PORT: String(http),
      QDRANT__SERVICE__GRPC_PORT: String(grpc),
      QDRANT__STORAGE__STORAGE_PATH: join(storage, 'storage'),
      QDRANT__STORAGE__SNAPSHOTS_PATH: join(storage, 'snapshots'),
      QDRANT__TELEMETRY_DISABLED: 'true',
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${http}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(storage, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 200; attempt++) {
    if ((await fetch(`${url}/readyz`).catch(() => null))?.ok) return { url, stop };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  return { skipped: `${binary} did not become ready on ${url}` };
}
