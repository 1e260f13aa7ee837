import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFile(join(root, path), 'utf8');

function composeCommand(): string[] | null {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0)
    return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  return null;
}

const compose = composeCommand();

/** No Docker engine runs on our machines: these files are validated statically, never run here. */
describe('deployment files (validated statically; no Docker engine here)', () => {
  it.skipIf(!compose)(
    compose
      ? `docker-compose.yml passes \`${compose.join(' ')} config\``
      : 'docker-compose.yml config check: SKIPPED, no docker compose client',
    () => {
      const result = spawnSync(
        compose![0]!,
        [...compose!.slice(1), '-f', join(root, 'docker-compose.yml'), 'config', '-q'],
        {
          env: { ...process.env, DOCENT_SECRET: 'a-long-random-secret-for-validation' },
          encoding: 'utf8',
        },
      );
      expect(result.stderr.replace(/.*version.*obsolete.*\n?/gi, '')).toBe('');
      expect(result.status).toBe(0);
    },
  );

  it('docker-compose.yml runs Qdrant with a volume and a health check, the server after it, and an indexer', async () => {
    const file = parse(await read('docker-compose.yml'));
    const { qdrant, server, indexer } = file.services;
    expect(qdrant.image).toMatch(/^qdrant\/qdrant:v\d+\.\d+\.\d+$/);
    expect(qdrant.volumes).toContain('qdrant-data:/qdrant/storage');
    expect(qdrant.healthcheck.test).toBeDefined();
    expect(server.build.target).toBe('server');
    expect(server.environment).toMatchObject({ DOCENT_STORE: 'qdrant', QDRANT_URL: 'http://qdrant:6333' });
    expect(server.depends_on.qdrant.condition).toBe('service_healthy');
    expect(indexer.build.target).toBe('indexer');
    expect(indexer.command).toEqual(expect.arrayContaining(['--site', '/site', '--store', 'qdrant']));
    expect(file.volumes).toHaveProperty('qdrant-data');
  });

  it('the Dockerfile follows the rules: pinned bases, exec-form commands, non-root runtime, a health check', async () => {
    const lines = (await read('Dockerfile'))
      .replace(/\\\n/g, ' ')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    const stages: { from: string; name?: string; instructions: string[] }[] = [];
    for (const line of lines) {
      const [instruction = '', ...rest] = line.split(/\s+/);
      if (instruction.toUpperCase() === 'FROM')
        stages.push({ from: rest[0]!, ...(rest[2] ? { name: rest[2] } : {}), instructions: [] });
      else stages.at(-1)?.instructions.push(line);
    }
    const names = new Set(stages.map((stage) => stage.name));
    for (const stage of stages) {
      if (names.has(stage.from)) continue;
      expect(stage.from, 'base images are pinned to a version').toMatch(/^[\w./-]+:\d[\w.-]*$/);
      expect(stage.from).not.toMatch(/:latest$/);
    }
    const runtime = stages.filter((stage) => stage.name === 'server' || stage.name === 'indexer');
    expect(runtime).toHaveLength(2);
    for (const stage of runtime) {
      const user = stage.instructions.filter((line) => /^USER /i.test(line)).at(-1);
      expect(user, `${stage.name} runs as a non-root user`).toMatch(/^USER (?!root|0\b)\w+/i);
      for (const command of stage.instructions.filter((line) => /^(CMD|ENTRYPOINT) /i.test(line))) {
        expect(command, 'exec form').toMatch(/^(CMD|ENTRYPOINT) \[/i);
      }
      expect(
        stage.instructions.some((line) => /^COPY \. /.test(line)),
        'runtime images copy only the build output',
      ).toBe(false);
    }
    const server = runtime.find((stage) => stage.name === 'server')!;
    expect(server.instructions.find((line) => /^HEALTHCHECK /.test(line))).toMatch(/readyz/);
    expect(lines.some((line) => /^ADD\s+https?:/i.test(line))).toBe(false);
    expect(stages.at(-1)!.from).toBe('server');
    expect(await read('.dockerignore')).toMatch(/node_modules/);
  });

  it('the example GitHub Actions workflow parses and runs the indexer against Qdrant with pinned actions', async () => {
    const workflow = parse(await read('examples/github-actions/docent-index.yml'));
    expect(workflow.on.push.branches).toEqual(['main']);
    const steps = workflow.jobs.index.steps as {
      uses?: string;
      run?: string;
      env?: Record<string, string>;
    }[];
    for (const step of steps.filter((candidate) => candidate.uses)) expect(step.uses).toMatch(/@v\d+$/);
    const index = steps.find((step) => step.run?.includes('docent-index'));
    expect(index?.run).toMatch(/--site \. --store qdrant/);
    expect(index?.env?.QDRANT_URL).toBe('${{ secrets.QDRANT_URL }}');
    expect(steps.findIndex((step) => step.run?.includes('docusaurus build'))).toBeLessThan(
      steps.indexOf(index!),
    );
  });

  it('the workflow shown on the Indexing in CI page is the example file', async () => {
    const page = await read('website/docs/indexing-in-ci.md');
    const shown = /```yaml title="\.github\/workflows\/docent-index\.yml"\n([\s\S]*?)```/.exec(page)?.[1];
    const example = (await read('examples/github-actions/docent-index.yml'))
      .split('\n')
      .filter((line) => !line.startsWith('# '))
      .join('\n');
    expect(parse(shown ?? '')).toEqual(parse(example));
  });
});
