import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerOptions, type ServerOptions } from '../src/server-options.js';
import { type RunningServer, startServer } from '../src/start-server.js';
import { fixtureStore } from './docs-fixture.js';

/** Red team, round 3: `--static` serves the build folder's pages, never its dotfiles or what links lead out. */
describe('red team: --static', () => {
  let folder: string;
  let fixture: Awaited<ReturnType<typeof fixtureStore>>;
  let server: RunningServer;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'docent-red-static-'));
    fixture = await fixtureStore();
    const build = join(folder, 'build');
    await mkdir(join(build, '.git'), { recursive: true });
    await mkdir(join(build, '.well-known'), { recursive: true });
    await mkdir(join(folder, 'outside'), { recursive: true });
    await writeFile(join(build, 'index.html'), '<h1>home page</h1>');
    await writeFile(join(build, '404.html'), '<h1>not here</h1>');
    await writeFile(join(build, '.env'), 'SECRET=dotenv-secret');
    await writeFile(join(build, '.git', 'config'), '[remote] url = https://token@git.example/x');
    await writeFile(join(build, '.well-known', 'security.txt'), 'Contact: mailto:security@example.com');
    await writeFile(join(folder, 'outside', 'secret.txt'), 'outside-secret');
    await symlink('/etc/passwd', join(build, 'passwd.txt'));
    await symlink(join(folder, 'outside'), join(build, 'linked'));
    server = await startServer(
      parseServerOptions(
        ['--index', fixture.path, '--static', build, '--port', '0', '--host', '127.0.0.1'],
        {},
      ) as ServerOptions,
      () => {},
    );
  });
  afterAll(async () => {
    await server.close();
    await fixture.cleanup();
    await rm(folder, { recursive: true, force: true });
  });

  it.each(['/.env', '/.git/config', '/%2eenv', '/%2Egit/config', '/passwd.txt', '/linked/secret.txt'])(
    'refuses %s with the 404 page',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      const body = await response.text();
      expect(response.status).toBe(404);
      expect(body).not.toMatch(/dotenv-secret|token@|root:|outside-secret/);
    },
  );

  it('still serves the pages and /.well-known/', async () => {
    expect(await (await fetch(`${server.url}/index.html`)).text()).toContain('home page');
    expect((await fetch(`${server.url}/.well-known/security.txt`)).status).toBe(200);
  });
});
