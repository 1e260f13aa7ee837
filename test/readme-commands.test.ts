import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@docent/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** The commands of the README's "Other commands" table, exactly as written there. */
async function readmeCommands(): Promise<string[]> {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('### Other commands'), readme.indexOf('Figures measured'));
  return [...table.matchAll(/^\| `((?:pnpm|npm) [^`]+)` \|/gm)].map((match) => match[1]!);
}

function run(command: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawn('bash', ['-c', command], {
    cwd: root,
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  return { child, exited, output: () => output };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

/** Every command in the README's table runs as written (pnpm 12 passes the `--` on to the program). */
describe('the README commands, run literally', { timeout: 120_000 }, () => {
  let commands: string[];
  let folder: string;
  const fill = (command: string) =>
    command
      .replace('<dir>', join(root, 'indexer', 'test', 'fixtures', 'explicit-ids'))
      .replace('<file>', join(folder, 'readme.docent'));

  beforeAll(async () => {
    commands = await readmeCommands();
    folder = await mkdtemp(join(tmpdir(), 'docent-readme-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('lists the commands this test runs', () => {
    expect(commands.map((command) => command.split(' -- ')[0])).toEqual([
      'pnpm run index',
      'pnpm run serve',
      'pnpm run eval',
      'pnpm bench',
      'npm run demo',
      'pnpm run report',
    ]);
  });

  it('indexes a folder, then serves that index', async () => {
    const index = run(fill(commands[0]!));
    expect(await index.exited).toBe(0);
    expect(index.output()).toMatch(/written to .*readme\.docent/);
    const port = await freePort();
    // The README's serve command, on a free port through the documented PORT variable.
    // With the question log on, as the report command's row says.
    const log = join(folder, 'questions.jsonl');
    const serve = run(`${fill(commands[1]!)} --question-log ${log}`, { PORT: String(port) });
    try {
      for (let attempt = 0; attempt < 100 && !/listening on/.test(serve.output()); attempt++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      // It listens on every interface (the default host), and says so, with the address to use here.
      expect(serve.output()).toContain(
        `docent-server listening on http://0.0.0.0:${port} (on this machine: http://localhost:${port})`,
      );
      const ready = await fetch(`http://localhost:${port}/readyz`);
      expect(ready.status).toBe(200);
      const asked = await fetch(`http://localhost:${port}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'How do I bake sourdough?' }] }],
        }),
      });
      await asked.text();
    } finally {
      await stop(serve.child);
    }
    const report = run(commands[5]!.replace('<log>', log).replace('<dir>', join(folder, 'report')));
    expect(await report.exited, report.output()).toBe(0);
    expect(report.output()).toMatch(/1 questions \(100% declined\), 1 unanswered topics/);
    expect(existsSync(join(folder, 'report', 'index.html'))).toBe(true);
  });

  it('evaluates every corpus', async () => {
    const evaluation = run(commands[2]!);
    expect(await evaluation.exited).toBe(0);
    expect(evaluation.output()).toMatch(/per corpus and macro average \(hono, pnpm, pnpm-zh, redux, babel\)/);
  });

  it('benchmarks (with --quick: the full run takes about 40 minutes)', async () => {
    const out = join(folder, 'bench-out.json');
    const bench = run(`${commands[3]!.replace('bench-out.json', out)} --quick`);
    expect(await bench.exited, bench.output()).toBe(0);
    expect(existsSync(out)).toBe(true);
    const figures = JSON.parse(await readFile(out, 'utf8'));
    expect(figures.server.concurrentErrors).toBe(0);
    // The local store and its peer, each measured in its own process.
    for (const engine of ['local', 'minisearch']) {
      expect(figures.search[engine]['1k']).toEqual({
        loadMs: expect.any(Number),
        rssMb: expect.any(Number),
        p50Ms: expect.any(Number),
        p95Ms: expect.any(Number),
        cpuP50Ms: expect.any(Number),
        cpuP95Ms: expect.any(Number),
        fileMb: expect.any(Number),
        [engine === 'local' ? 'packMs' : 'buildMs']: expect.any(Number),
      });
      expect(figures.search[engine]['1k'].rssMb).toBeGreaterThan(figures.search.baselineRssMb);
    }
  });
});
