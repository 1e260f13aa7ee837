import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@docent/protocol/read-stream': source('./packages/protocol/src/read-stream.ts'),
      '@docent/protocol/site-link': source('./packages/protocol/src/site-link.ts'),
      '@docent/protocol': source('./packages/protocol/src/index.ts'),
      '@docent/markdown': source('./packages/markdown/src/index.ts'),
      '@docent/retrieval': source('./packages/retrieval/src/index.ts'),
      '@docent/server/options': source('./packages/server/src/server-options.ts'),
      '@docent/server/start': source('./packages/server/src/start-server.ts'),
      '@docent/server': source('./packages/server/src/index.ts'),
      '@docent/indexer': source('./indexer/src/index.ts'),
      '@docent/test-support': source('./test-support/src/index.ts'),
    },
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'indexer/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', '**/build/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
