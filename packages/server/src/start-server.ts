import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LocalStore, OpenAIEmbedder, QdrantStore, type Store, warmEnglishRarity } from '@docent/retrieval';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './create-app.js';
import { ExtractiveGenerator } from './extractive-generator.js';
import { OpenAIGenerator } from './openai-generator.js';
import { redactUrl } from './public-text.js';
import type { ServerOptions } from './server-options.js';

export type RunningServer = { url: string; close: () => Promise<void>; describe: string };

/** Opens the store, builds the app and listens; resolves once the port is bound. */
export async function startServer(
  options: ServerOptions,
  log: (line: string) => void = console.error,
): Promise<RunningServer> {
  const store: Store =
    options.store === 'qdrant'
      ? new QdrantStore({
          url: options.qdrantUrl!,
          collection: options.collection,
          ...(options.qdrantApiKey ? { apiKey: options.qdrantApiKey } : {}),
        })
      : await LocalStore.open({
          path: options.index,
          watch: true,
          onReload: (event) =>
            log(
              event.ok
                ? `index loaded: ${event.chunks} chunks in ${event.ms} ms${event.note ? ` (${event.note})` : ''}`
                : `index reload refused, still serving the previous one: ${event.error.message}`,
            ),
        });
  const generator = options.llm ? new OpenAIGenerator(options.llm) : new ExtractiveGenerator();
  let embedder = options.embedding ? new OpenAIEmbedder(options.embedding) : null;
  const info = (await store.stats()).info;
  if (embedder && info && info.embedder?.id !== embedder.id) {
    // Vectors from two different models are not comparable: search lexically rather than return noise.
    log(
      info.embedder
        ? `note: the index was embedded with ${info.embedder.id} but this server would embed questions with ${embedder.id}; dense search is off. Use the same model for both.`
        : `note: the index has no dense vectors (the indexer ran without an embedder); ${embedder.id} is not used.`,
    );
    embedder = null;
  }
  // The answerability check reads an English word list; load it now rather than on the first question.
  warmEnglishRarity();
  const app = createApp({
    store,
    embedder,
    generator,
    config: options.config,
    log,
    ...(options.feedbackFile ? { feedbackFile: options.feedbackFile } : {}),
    ...(options.questionLog ? { questionLog: options.questionLog } : {}),
  });
  if (options.staticDir) {
    const root = options.staticDir;
    app.use('/*', async function markdownType(c, next) {
      await next();
      // The pages' markdown copies (the theme writes them beside the HTML): say what they are.
      if (c.req.path.endsWith('.md') && c.res.status === 200)
        c.res.headers.set('content-type', 'text/markdown; charset=utf-8');
    });
    app.use('/*', serveStatic({ root }));
    const notFoundPage = await readFile(join(root, '404.html'), 'utf8').catch(() => 'Not found');
    app.get('*', (c) => c.html(notFoundPage, 404));
  }
  const stats = await store.stats();
  const health = await store.health();
  const where =
    options.store === 'qdrant'
      ? `qdrant (${redactUrl(options.qdrantUrl!)}, alias ${options.collection})`
      : `local (${options.index})`;
  const describe = `store ${where}, ${stats.chunks} chunks${health.ok ? '' : ` [not ready: ${health.message}]`}; embedder ${embedder?.id ?? 'none'}; generator ${generator.description}${app.questionLog ? `; question log ${app.questionLog.kind}` : ''}`;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const created = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () =>
      resolve(created),
    );
    created.once('error', (error: NodeJS.ErrnoException) => {
      void store.close();
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${options.port} on ${options.host} is already in use: stop what uses it, or choose another port with --port or PORT.`,
            )
          : error,
      );
    });
  });
  const address = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' ? 'localhost' : options.host;
  return {
    url: `http://${host}:${address.port}`,
    describe,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await app.questionLog?.close();
      await store.close();
    },
  };
}
