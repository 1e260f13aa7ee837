import { readFile } from 'node:fs/promises';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LocalStore, OpenAIEmbedder, QdrantStore, type Store, warmEnglishRarity } from '@docent/retrieval';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { embedderMismatch } from './answering/embedder-mismatch.js';
import { ExtractiveGenerator } from './answering/extractive-generator.js';
import { OpenAIGenerator } from './answering/openai-generator.js';
import { createApp } from './http/create-app.js';
import { redactingLog, redactUrl } from './http/public-text.js';
import { staticGuard } from './http/static-guard.js';
import type { ServerOptions } from './server-options.js';

export type RunningServer = {
  /** Where a client on this machine reaches the service (`localhost` when it listens on every interface). */
  url: string;
  /** The address the service listens on, as bound: `http://0.0.0.0:8787` is every interface. */
  listening: string;
  close: () => Promise<void>;
  describe: string;
};

/** Opens the store, builds the app and listens; resolves once the port is bound. */
export async function startServer(
  options: ServerOptions,
  rawLog: (line: string) => void = console.error,
): Promise<RunningServer> {
  const log = redactingLog(rawLog);
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
          ...(options.ivfProbes ? { ivfProbes: options.ivfProbes } : {}),
          onReload: (event) =>
            log(
              event.ok
                ? `index loaded: ${event.chunks} chunks in ${event.ms} ms${event.note ? ` (${event.note})` : ''}`
                : `index reload refused, still serving the previous one: ${event.error.message}`,
            ),
        });
  const generator = options.llm ? new OpenAIGenerator({ ...options.llm, log }) : new ExtractiveGenerator();
  const embedder = options.embedding ? new OpenAIEmbedder(options.embedding) : null;
  // A store that cannot be reached yet (Qdrant still starting) does not stop the service: it starts not
  // ready, /readyz says why with a 503, and it recovers on its own once the store answers.
  const stats = await store.stats().catch((error: Error) => {
    log(`not ready: the store cannot be read yet (${error.message}); /readyz answers 503 until it can`);
    return null;
  });
  // Vectors from two different models are not comparable: questions are searched lexically (checked on
  // every question, so an index rebuilt with this model brings dense search back without a restart).
  const mismatch = stats?.info ? embedderMismatch(stats.info, embedder) : null;
  if (mismatch) {
    log(
      mismatch.index
        ? `note: the index was embedded with ${mismatch.index} but this server embeds questions with ${mismatch.service}; dense search is off until they match.`
        : `note: the index has no dense vectors (the indexer ran without an embedder); ${mismatch.service} is not used until it has.`,
    );
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
    // Under the site's baseUrl, as the site is deployed (`/product/` pages link `/product/assets/…`).
    const base = (stats?.info?.baseUrl ?? '/').replace(/\/?$/, '/');
    app.use('/*', async function markdownType(c, next) {
      await next();
      // The pages' markdown copies (the theme writes them beside the HTML): say what they are.
      if (c.req.path.endsWith('.md') && c.res.status === 200)
        c.res.headers.set('content-type', 'text/markdown; charset=utf-8');
    });
    const notFoundPage = await readFile(join(root, '404.html'), 'utf8').catch(() => 'Not found');
    if (base !== '/') app.get('/', (c) => c.redirect(base));
    app.use(
      '/*',
      staticGuard(root, async (c) => c.html(notFoundPage, 404), base),
    );
    app.use(`${base}*`, serveStatic({ root, rewriteRequestPath: (path) => `/${path.slice(base.length)}` }));
    app.get('*', (c) => c.html(notFoundPage, 404));
  }
  const health = await store.health();
  // A moment for the shared rate limit to reach Redis, so the start-up line says where the limit is kept.
  if (app.sharedLimiter)
    await Promise.race([app.sharedLimiter.ready, new Promise((resolve) => setTimeout(resolve, 2000))]);
  const where =
    options.store === 'qdrant'
      ? `qdrant (${redactUrl(options.qdrantUrl!)}, alias ${options.collection})`
      : `local (${options.index})`;
  const describe = `store ${where}, ${stats?.chunks ?? 0} chunks${health.ok ? '' : ` [not ready: ${health.message}]`}; embedder ${embedder?.id ?? 'none'}; generator ${generator.description}${app.questionLog ? `; question log ${app.questionLog.kind}` : ''}${app.sharedLimiter ? `; rate limit: ${app.sharedLimiter.state.message}` : ''}`;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const created = serve(
      {
        fetch: app.fetch,
        port: options.port,
        hostname: options.host,
        // Bounded sockets: a request must arrive whole in time (slow bodies are cut), and a connection idle
        // for longer than twice an answer's time limit (a client that stopped reading) is closed.
        serverOptions: {
          requestTimeout: options.config.requestTimeoutMs,
          headersTimeout: Math.min(options.config.requestTimeoutMs, 20_000),
          keepAliveTimeout: 5_000,
          connectionsCheckingInterval: Math.min(options.config.requestTimeoutMs, 1_000),
        },
      },
      () => resolve(created),
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
  (server as HttpServer).setTimeout(options.config.answerTimeoutMs * 2);
  const address = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' ? 'localhost' : options.host;
  const bound = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    listening: `http://${bound}:${address.port}`,
    describe,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await app.questionLog?.close();
      await app.sharedLimiter?.close();
      await store.close();
    },
  };
}
