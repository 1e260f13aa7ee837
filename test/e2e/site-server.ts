import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexCommand } from '@docent/indexer';
import { LocalStore } from '@docent/retrieval';
import { parseServerOptions, type ServerOptions } from '@docent/server/options';
import { startServer } from '@docent/server/start';

export const SITE = join(import.meta.dirname, '..', '..', 'website');

/** A page's worth of hostile text, indexed as if a doc contained it. */
export const HOSTILE_DOC =
  'Hostile page > Payloads\n\nZebrafish payload test: <img src=x onerror="window.__xss = 1"> and [click me](javascript:window.__xss=2) and <script>window.__xss=3</script>.';

/** Indexes the built site (plus one hostile chunk) into a temporary index file. */
export async function siteIndex(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'docent-e2e-'));
  const path = join(folder, 'site.docent');
  const code = await indexCommand(
    ['--site', SITE, '--out', path, '--quiet'],
    {},
    { out: () => {}, err: () => {}, isTerminal: false },
  );
  if (code !== 0) throw new Error(`indexing the site failed with exit code ${code}`);
  const store = await LocalStore.open({ path });
  await store.applyChanges(
    {
      upserts: [
        {
          id: 'hostile-chunk',
          text: HOSTILE_DOC,
          sourcePath: 'hostile.md',
          headings: ['Hostile page', 'Payloads'],
          url: '/docs/security#links-in-answers',
          title: 'Hostile page',
          locale: 'en',
          version: 'current',
          hash: 'hostile',
        },
      ],
      deletes: [],
    },
    { embedder: null, builtAt: new Date().toISOString() },
  );
  await store.close();
  return { path, cleanup: () => rm(folder, { recursive: true, force: true }) };
}

/** Runs the real answer service on a free port, serving the built site too (same origin, like the demo). */
export async function siteServer(index: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const options = parseServerOptions(
    ['--index', index, '--static', join(SITE, 'build'), '--port', '0', '--host', '127.0.0.1', ...extra],
    env,
  ) as ServerOptions;
  return startServer(options, () => {});
}
