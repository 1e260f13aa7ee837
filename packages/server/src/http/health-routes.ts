import type { Hono } from 'hono';
import { embedderMismatch } from '../answering/embedder-mismatch.js';
import type { AppContext } from './app-context.js';
import { publicText } from './public-text.js';

/** `GET /healthz` (the process answers), `/readyz` (it can answer questions) and `/metrics` (Prometheus). */
export function healthRoutes(app: Hono, context: AppContext): void {
  const { store, answers, metrics, sharedLimiter } = context;
  app.get('/healthz', (c) => c.json({ ok: true }));

  app.get('/readyz', async (c) => {
    const health = await store.health();
    const stats = health.ok ? await store.stats().catch(() => null) : null;
    // A service whose embedder differs from the index's searches lexically only (see `retrieve`): say so.
    const mismatch = stats ? embedderMismatch(stats.info, answers.embedder) : null;
    const body = {
      ok: health.ok,
      store: {
        kind: store.kind,
        ok: health.ok,
        message: publicText(health.message),
        chunks: stats?.chunks ?? 0,
        locales: stats?.locales ?? [],
        versions: stats?.versions ?? [],
      },
      generator: { mode: answers.generator.mode, description: publicText(answers.generator.description) },
      embedder: answers.embedder?.id ?? 'none',
      rateLimit: sharedLimiter
        ? {
            store: sharedLimiter.state.store,
            shared: sharedLimiter.state.shared,
            message: publicText(sharedLimiter.state.message),
          }
        : { store: context.config.rateLimit ? 'process' : 'off', shared: false },
      ...(mismatch
        ? {
            warning: `The index was embedded with ${mismatch.index ?? 'no embedder'}, not ${mismatch.service}: questions are searched lexically only until the index is rebuilt with ${mismatch.service} (docent-index --embedding-model …) or the service uses the index's model.`,
          }
        : {}),
    };
    return c.json(body, health.ok ? 200 : 503);
  });

  app.get('/metrics', async (c) =>
    c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }),
  );
}
