import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chunk } from '@docent/protocol';
import { type IndexInfo, LocalStore } from '@docent/retrieval';

type Section = [
  path: string,
  headings: string[],
  anchor: string,
  body: string,
  locale?: string,
  version?: string,
];

const SECTIONS: Section[] = [
  [
    'install.md',
    ['Installation', 'With npm'],
    'with-npm',
    'Install the theme with npm install @docent/docusaurus-theme, then add it to themes in docusaurus.config.js.',
  ],
  [
    'install.md',
    ['Installation', 'With yarn'],
    'with-yarn',
    'With Yarn, run yarn add @docent/docusaurus-theme. Yarn Berry works the same way.',
  ],
  [
    'configuration.md',
    ['Configuration', 'Server URL'],
    'server-url',
    'Set themeConfig.docent.serverUrl to the address of the answer service, for example https://docs-api.example.com.',
  ],
  [
    'configuration.md',
    ['Configuration', 'Keyboard shortcut'],
    'keyboard-shortcut',
    'The chat opens with Ctrl+I by default. Set themeConfig.docent.shortcut to false to turn the shortcut off.',
  ],
  [
    'deployment.md',
    ['Deployment', 'Reverse proxies'],
    'reverse-proxies',
    'Turn off response buffering for /api/chat: with nginx set proxy_buffering off, so the streamed answer reaches readers as it is written.',
  ],
  [
    'deployment.md',
    ['Deployment', 'Docker'],
    'docker',
    'Run the answer service with docker compose up. The image runs as a non-root user and checks /readyz.',
  ],
  [
    'indexing.md',
    ['Indexing in CI', 'Incremental runs'],
    'incremental-runs',
    'The indexer re-embeds only chunks whose content hash changed, so a no-op run makes zero embedding calls.',
  ],
  [
    'install.md',
    ['Installation', 'Avec npm'],
    'avec-npm',
    'Installez le thème avec npm install @docent/docusaurus-theme.',
    'fr',
  ],
  [
    'install.md',
    ['Installation', 'With npm'],
    'with-npm',
    'Version 1 was installed with npm install docent-legacy.',
    'en',
    '1.x',
  ],
];

export function fixtureChunks(marker = ''): Chunk[] {
  return SECTIONS.map(([path, headings, anchor, body, locale = 'en', version = 'current']) => {
    const prefix = `${locale === 'en' ? '' : `/${locale}`}/docs${version === 'current' ? '' : `/${version}`}`;
    const text = `${headings.join(' > ')}\n\n${body}${marker}`;
    return {
      id: createHash('sha256').update(`${locale}/${version}/${path}#${anchor}`).digest('hex').slice(0, 32),
      text,
      sourcePath: path,
      headings,
      url: `${prefix}/${path.replace(/\.md$/, '')}#${anchor}`,
      title: headings[0]!,
      locale,
      version,
      hash: createHash('sha256').update(text).digest('hex').slice(0, 32),
    };
  });
}

export const INFO: IndexInfo = { embedder: null, builtAt: '2026-01-01T00:00:00.000Z' };

/**
 * A local store, on a real index file in a temporary folder (free for the test's other files), holding the
 * fixture docs or the given chunks.
 */
export async function fixtureStore(options: { chunks?: Chunk[]; info?: IndexInfo } = {}): Promise<{
  store: LocalStore;
  path: string;
  folder: string;
  cleanup: () => Promise<void>;
}> {
  const folder = await mkdtemp(join(tmpdir(), 'docent-server-'));
  const path = join(folder, 'index.docent');
  const writer = await LocalStore.open({ path });
  await writer.publish(options.chunks ?? fixtureChunks(), options.info ?? INFO);
  await writer.close();
  const store = await LocalStore.open({ path, watch: true });
  return {
    store,
    path,
    folder,
    cleanup: async () => {
      await store.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
