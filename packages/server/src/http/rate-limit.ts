import type { Context, MiddlewareHandler } from 'hono';
import { DocentError } from './docent-error.js';
import type { RateLimitConfig } from './server-config.js';

type Bucket = { tokens: number; updated: number };

/** Clients remembered at most; past it the least recently seen are forgotten (a full bucket, for them). */
export const MAX_TRACKED_CLIENTS = 50_000;

/**
 * Per-client token bucket: `burst` requests at once, refilled at `perMinute`. Over the limit, 429 with
 * `Retry-After` (seconds until one request is allowed again).
 *
 * Memory is bounded: buckets are kept in least-recently-seen order, so a bucket that has been idle long
 * enough to be full again (its time to live) is dropped from the front in O(1) per request, and never more
 * than `maxClients` are kept.
 */
export function rateLimit(
  options: RateLimitConfig & { key: (c: Context) => string; now?: () => number; maxClients?: number },
): MiddlewareHandler & { readonly tracked: number } {
  if (!(options.burst >= 1) || !(options.perMinute > 0)) {
    throw new Error(
      'Rate limit needs burst >= 1 and perMinute > 0 (DOCENT_RATE_LIMIT_BURST, DOCENT_RATE_LIMIT_PER_MINUTE).',
    );
  }
  const buckets = new Map<string, Bucket>();
  const perMs = options.perMinute / 60_000;
  const refillMs = options.burst / perMs;
  const maxClients = options.maxClients ?? MAX_TRACKED_CLIENTS;
  const now = options.now ?? Date.now;

  const forgetIdle = (time: number) => {
    for (const [client, bucket] of buckets) {
      if (time - bucket.updated < refillMs && buckets.size <= maxClients) break;
      buckets.delete(client);
    }
  };

  const handler: MiddlewareHandler = async function rateLimitHandler(c, next) {
    const key = options.key(c);
    const time = now();
    const bucket = buckets.get(key) ?? { tokens: options.burst, updated: time };
    bucket.tokens = Math.min(options.burst, bucket.tokens + (time - bucket.updated) * perMs);
    bucket.updated = time;
    // Re-inserted at the end: the map's order is least recently seen first.
    buckets.delete(key);
    buckets.set(key, bucket);
    forgetIdle(time);
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      throw new DocentError(
        'request:rate-limited',
        `Too many questions at once. Wait ${retryAfter} s and ask again.`,
        { headers: { 'Retry-After': String(retryAfter) } },
      );
    }
    bucket.tokens -= 1;
    await next();
  };
  return Object.defineProperty(handler, 'tracked', { get: () => buckets.size }) as MiddlewareHandler & {
    readonly tracked: number;
  };
}
