import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStream, type StreamPart } from '@docent/protocol';
import { LocalStore } from '@docent/retrieval';
import {
  FakeOpenAI,
  freePort,
  type PostgresServer,
  type RedisServer,
  startPostgres,
  startRedis,
} from '@docent/test-support';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureChunks, INFO } from './docs-fixture.js';

/**
 * Docent as a fleet: three service processes behind Debian's nginx with the configuration the Deployment page
 * documents, a rate limit shared in Redis, one PostgreSQL question log, one index file on a shared folder.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const NGINX = '/usr/sbin/nginx';
const redis = await startRedis();
const postgres = await startPostgres();
const skip =
  'skipped' in redis
    ? redis.skipped
    : 'skipped' in postgres
      ? postgres.skipped
      : existsSync(NGINX)
        ? null
        : 'nginx is not installed: run `node scripts/ensure-setup.mjs --redis` as root (Debian/Ubuntu: apt-get install nginx) to run the fleet test';
if (skip) console.warn(`[fleet test] skipped: ${skip}`);

/** The nginx block of the Deployment page, exactly as written there. */
async function documentedNginx(): Promise<string> {
  const page = await readFile(join(root, 'website', 'docs', 'deployment.md'), 'utf8');
  const block = /```nginx title="docent\.conf \(several replicas\)"\n([\s\S]*?)```/.exec(page)?.[1];
  if (!block) throw new Error('the Deployment page has no "docent.conf (several replicas)" block');
  return block;
}

type Replica = { port: number; model: string; process: ChildProcess | null; output: string };
type Answer = { status: number; parts: StreamPart[]; finished: boolean; error?: string };

describe.skipIf(skip !== null)('three replicas behind nginx', () => {
  const cache = redis as RedisServer;
  const database = postgres as PostgresServer;
  const fake = new FakeOpenAI();
  const replicas: Replica[] = [];
  let folder: string;
  let index: string;
  let proxy: ChildProcess;
  let proxyUrl: string;

  const startReplica = async (replica: Replica) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=source',
        join(root, 'packages', 'server', 'src', 'cli.ts'),
        ...['--index', index, '--port', String(replica.port), '--host', '127.0.0.1'],
        ...['--llm-base-url', fake.url, '--llm-model', replica.model],
        ...['--rate-limit', '5/5', '--rate-limit-store', cache.url],
        ...['--question-log', `${database.url}`],
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          DOCENT_SECRET: 'fleet-secret-shared-by-all-replicas',
          DOCENT_TRUST_PROXY: '2',
          DOCENT_LLM_API_KEY: 'fake',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    replica.process = child;
    child.stdout!.on('data', (chunk: Buffer) => {
      replica.output += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      replica.output += chunk.toString();
    });
    for (let attempt = 0; attempt < 300; attempt++) {
      const ready = await fetch(`http://127.0.0.1:${replica.port}/readyz`).catch(() => null);
      if (ready?.status === 200) return;
      if (child.exitCode !== null) throw new Error(`replica ${replica.model} exited: ${replica.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`replica ${replica.model} did not become ready: ${replica.output}`);
  };

  const stopReplica = async (replica: Replica, signal: NodeJS.Signals) => {
    const child = replica.process;
    replica.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-fleet-'));
    index = join(folder, 'site.docent');
    const writer = await LocalStore.open({ path: index });
    await writer.publish(fixtureChunks(), INFO);
    await writer.close();
    await fake.start();
    fake.defaultScript = {
      text: 'Set proxy_buffering off in the location block [1]. '.repeat(3),
      deltaDelayMs: 5,
    };
    for (let n = 0; n < 3; n++)
      replicas.push({ port: await freePort(), model: `replica-${n}`, process: null, output: '' });
    await Promise.all(replicas.map(startReplica));

    const listen = await freePort();
    let config = (await documentedNginx()).replace('listen 8080;', `listen 127.0.0.1:${listen};`);
    for (const [at, port] of ['8787', '8788', '8789'].entries())
      config = config.replace(`127.0.0.1:${port}`, `127.0.0.1:${replicas[at]!.port}`);
    const conf = join(folder, 'nginx.conf');
    await writeFile(
      conf,
      `daemon off;\nworker_processes 1;\npid ${folder}/nginx.pid;\nerror_log ${folder}/nginx-error.log;\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n  client_body_temp_path ${folder}/body;\n  proxy_temp_path ${folder}/proxy;\n  fastcgi_temp_path ${folder}/fastcgi;\n  uwsgi_temp_path ${folder}/uwsgi;\n  scgi_temp_path ${folder}/scgi;\n${config}\n}\n`,
    );
    const check = spawnSync(NGINX, ['-t', '-c', conf, '-p', folder], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    proxy = spawn(NGINX, ['-c', conf, '-p', folder], { stdio: 'ignore' });
    proxyUrl = `http://127.0.0.1:${listen}`;
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await fetch(`${proxyUrl}/healthz`).catch(() => null))?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 120_000);

  afterAll(async () => {
    proxy?.kill('SIGTERM');
    await Promise.all(replicas.map((replica) => stopReplica(replica, 'SIGTERM')));
    await fake.stop();
    await cache.destroy();
    database.destroy();
    await rm(folder, { recursive: true, force: true });
  });

  /** Asks through nginx (or one replica) as the reader `reader` (the CDN's X-Forwarded-For entry). */
  async function ask(reader: string, text: string, base = proxyUrl, onPart?: (part: StreamPart) => void) {
    const response = await fetch(`${base}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': reader },
      body: JSON.stringify({ messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }] }),
    });
    const answer: Answer = { status: response.status, parts: [], finished: false };
    if (response.status !== 200) {
      await response.arrayBuffer();
      return answer;
    }
    try {
      await readStream(response.body!, (part) => {
        answer.parts.push(part);
        if (part.type === 'finish') answer.finished = true;
        onPart?.(part);
      });
    } catch (error) {
      answer.error = (error as Error).message;
    }
    return answer;
  }

  it('holds one reader to the configured limit across the three replicas', async () => {
    const statuses: number[] = [];
    for (let request = 0; request < 8; request++)
      statuses.push((await ask('203.0.113.1', 'How do I turn off proxy buffering?')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    // nginx spread them: every replica's model answered some.
    const models = new Set(fake.chats.map((chat) => chat.body.model));
    expect(models.size).toBeGreaterThan(1);
  });

  it('ends a stream whose replica dies without presenting it as whole; the others keep answering', async () => {
    fake.defaultScript = {
      text: 'Set proxy_buffering off in the location block [1]. '.repeat(40),
      deltaDelayMs: 20,
    };
    const before = fake.chats.length;
    let killed: Replica | undefined;
    const answer = await ask('203.0.113.2', 'How do I turn off proxy buffering?', proxyUrl, (part) => {
      if (part.type !== 'text-delta' || killed) return;
      const model = fake.chats[before]?.body.model;
      killed = replicas.find((replica) => replica.model === model);
      void stopReplica(killed!, 'SIGKILL');
    });
    expect(killed).toBeDefined();
    expect(answer.status).toBe(200);
    expect(answer.finished).toBe(false);
    expect(answer.parts.some((part) => part.type === 'text-delta')).toBe(true);
    fake.defaultScript = { text: 'Set proxy_buffering off in the location block [1].', deltaDelayMs: 0 };
    for (let request = 0; request < 4; request++) {
      const next = await ask(`203.0.113.${10 + request}`, 'How do I turn off proxy buffering?');
      expect(next.status).toBe(200);
      expect(next.finished).toBe(true);
    }
    await startReplica(killed!);
  });

  it('logs every answered question once in PostgreSQL, across a replica restart', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('DELETE FROM docent_questions');
      const answered: string[] = [];
      const askOne = async (n: number) => {
        const answer = await ask(`198.51.100.${n}`, `Question ${n}: how do I turn off proxy buffering?`);
        if (answer.finished) answered.push(`Question ${n}: how do I turn off proxy buffering?`);
      };
      for (let n = 0; n < 6; n++) await askOne(n);
      await stopReplica(replicas[1]!, 'SIGTERM');
      for (let n = 6; n < 12; n++) await askOne(n);
      await startReplica(replicas[1]!);
      for (let n = 12; n < 18; n++) await askOne(n);
      expect(answered).toHaveLength(18);
      await Promise.all(replicas.map((replica) => stopReplica(replica, 'SIGTERM')));
      const { rows } = await client.query<{ question: string; count: string }>(
        'SELECT question, count(*) FROM docent_questions GROUP BY question ORDER BY question',
      );
      expect(rows.map((row) => row.question).sort()).toEqual([...answered].sort());
      expect(rows.every((row) => Number(row.count) === 1)).toBe(true);
      await Promise.all(replicas.map(startReplica));
    } finally {
      await client.end();
    }
  });

  it('swaps every replica to a new index published while it serves, with no failed request', async () => {
    const asking = (async () => {
      const results: Answer[] = [];
      for (let n = 0; n < 15; n++)
        results.push(await ask(`192.0.2.${n}`, 'How do I turn off proxy buffering?'));
      return results;
    })();
    const chunks = fixtureChunks();
    const extra = { ...chunks[0]!, id: 'second-edition', url: '/docs/second-edition#new', hash: 'second' };
    const writer = await LocalStore.open({ path: index });
    await writer.publish([...chunks, extra], { ...INFO, builtAt: new Date().toISOString() });
    await writer.close();
    const results = await asking;
    expect(results.map((result) => result.status)).toEqual(results.map(() => 200));
    expect(results.every((result) => result.finished)).toBe(true);
    for (const replica of replicas) {
      let count = 0;
      for (let attempt = 0; attempt < 50 && count !== chunks.length + 1; attempt++) {
        const ready = (await (await fetch(`http://127.0.0.1:${replica.port}/readyz`)).json()) as {
          store: { chunks: number };
        };
        count = ready.store.chunks;
        if (count !== chunks.length + 1) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(count, replica.model).toBe(chunks.length + 1);
    }
  });
});
