import type { Context, MiddlewareHandler } from 'hono';
import { DocentError } from './docent-error.js';
import type { RateLimitConfig } from './server-config.js';

type Bucket = { tokens: number; updated: number };

/**
 * Per-client token bucket: `burst` requests at once, refilled at `perMinute`. Over the limit, 429 with
 * `Retry-After` (seconds until one request is allowed again).
 */
export function rateLimit(
  options: RateLimitConfig & { key: (c: Context) => string; now?: () => number },
): MiddlewareHandler {
  if (!(options.burst >= 1) || !(options.perMinute > 0)) {
    throw new Error(
      'Rate limit needs burst >= 1 and perMinute > 0 (DOCENT_RATE_LIMIT_BURST, DOCENT_RATE_LIMIT_PER_MINUTE).',
    );
  }
  const buckets = new Map<string, Bucket>();
  const perMs = options.perMinute / 60_000;
  const now = options.now ?? Date.now;
  return async function rateLimitHandler(c, next) {
    const key = options.key(c);
    const time = now();
    const bucket = buckets.get(key) ?? { tokens: options.burst, updated: time };
    bucket.tokens = Math.min(options.burst, bucket.tokens + (time - bucket.updated) * perMs);
    bucket.updated = time;
    if (bucket.tokens < 1) {
      buckets.set(key, bucket);
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      throw new DocentError(
        'request:rate-limited',
        `Too many questions at once. Wait ${retryAfter} s and ask again.`,
        {
          headers: { 'Retry-After': String(retryAfter) },
        },
      );
    }
    bucket.tokens -= 1;
    buckets.set(key, bucket);
    // Forget full buckets now and then, so memory stays bounded by the active clients.
    if (buckets.size > 10_000) {
      for (const [client, state] of buckets) {
        if (state.tokens + (time - state.updated) * perMs >= options.burst) buckets.delete(client);
      }
    }
    await next();
  };
}
