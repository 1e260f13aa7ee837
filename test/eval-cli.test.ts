import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const shell = (command: string) =>
  run('bash', ['-c', command], { cwd: root, env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

/** The README's eval commands, run literally through pnpm (which passes the `--` on to the script). */
describe('pnpm run eval, as the README writes it', () => {
  it('answers --help with the options', async () => {
    const result = await shell('pnpm run eval -- --help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--corpus <name>/);
    expect(result.stdout).toMatch(/--calibrate/);
    expect(result.stdout).toMatch(/--fit-retrieval/);
  });

  it('runs one corpus and prints its table and the average', async () => {
    const result = await shell('pnpm run eval -- --corpus hono');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/hono: 64 questions \(written by the team\)/);
    expect(result.stdout).toMatch(/paraphrase\s+14\s+\d/);
    expect(result.stdout).toMatch(/per corpus and macro average \(hono\)/);
  }, 60_000);

  it('refuses an unknown option or corpus in one line that says what to run', async () => {
    const unknown = await shell('pnpm run eval -- --bogus');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/eval: Unknown option '--bogus'\. Run `pnpm run eval -- --help`/);
    expect(unknown.stderr).not.toMatch(/at .*\.ts:\d+/);
    const corpus = await shell('pnpm run eval -- --corpus nope');
    expect(corpus.stderr).toMatch(/Unknown corpus "nope". Known: hono, pnpm, pnpm-zh, redux, babel/);
    const fit = await shell('pnpm run eval -- --fit-retrieval --corpus hono');
    expect(fit.code).not.toBe(0);
    expect(fit.stderr).toMatch(
      /eval: --fit-retrieval fits on every corpus in-process .*; leave out --corpus/,
    );
    const withModel = await shell('pnpm run eval -- --fit-retrieval --llm-model some-model');
    expect(withModel.code).not.toBe(0);
    expect(withModel.stderr).toMatch(/leave out .*--llm-model/);
  });
});
