import type { Context, MiddlewareHandler } from 'hono';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DocentError } from './docent-error.js';
import { redactUrl } from './public-text.js';
import { rateLimit } from './rate-limit.js';
import type { RateLimitConfig } from './server-config.js';

/** Where the limit is kept right now, for `/readyz` and `/metrics`. */
export type RateLimitState = {
  /** `redis`: the limit all replicas share; `process`: this process's own buckets. */
  store: 'redis' | 'process';
  /** Whether the shared limit is in force (false while Redis cannot be reached: the per-process limit is). */
  shared: boolean;
  /** What a site owner should know (the Redis URL without credentials, the last error). */
  message: string;
};

export type SharedRateLimiter = MiddlewareHandler & {
  readonly state: RateLimitState;
  /** Resolves once Redis first answers (the start-up log waits for it a moment; tests wait for it). */
  readonly ready: Promise<void>;
  /** Disconnects from Redis (the service's shutdown). */
  close(): Promise<void>;
};

/** How long a Redis request may take before this request falls back to the per-process limit. */
const REDIS_TIMEOUT_MS = 250;

/**
 * A rate limit every replica shares, kept in Redis by `rate-limiter-flexible` (atomic Lua counters): a client
 * gets `burst` requests per window of `burst / perMinute` minutes, whichever replica answers it, so the
 * long-run rate is `perMinute` as with the per-process token buckets. Over the limit: 429 with
 * `Retry-After` (seconds until the window ends).
 *
 * When Redis cannot be reached (down, or slower than 250 ms), each request is limited by this process's own
 * token buckets instead (`rateLimit`): the service keeps answering, `state` says so (for `/readyz` and the
 * `docent_rate_limit_shared` gauge), `onChange` is told once per change, and the shared limit is used
 * again as soon as Redis answers (ioredis reconnects by itself).
 * @param options.url `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS)
 * @throws Error at start-up when the URL is not a redis:// or rediss:// URL
 */
export function sharedRateLimit(
  options: RateLimitConfig & {
    url: string;
    key: (c: Context) => string;
    onChange?: (state: RateLimitState) => void;
  },
): SharedRateLimiter {
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw new Error(
      `--rate-limit-store takes a Redis URL such as redis://127.0.0.1:6379, not "${redactUrl(options.url)}".`,
    );
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(
      `--rate-limit-store takes a redis:// or rediss:// URL, not ${parsed.protocol}// (${redactUrl(options.url)}).`,
    );
  }
  const where = redactUrl(options.url);
  const fallback = rateLimit(options);
  const client = new Redis(options.url, {
    // Fail fast while disconnected (the request then uses the per-process limit) and reconnect in the background.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    commandTimeout: REDIS_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  const windowSeconds = Math.max(1, Math.ceil((options.burst * 60) / options.perMinute));
  const limiter = new RateLimiterRedis({
    storeClient: client,
    keyPrefix: 'docent:rate',
    points: options.burst,
    duration: windowSeconds,
    rejectIfRedisNotReady: true,
  });

  let state: RateLimitState = {
    store: 'redis',
    shared: false,
    message: `connecting to ${where}; per-process limit until it answers`,
  };
  const change = (next: RateLimitState) => {
    if (next.shared === state.shared && next.store === state.store) {
      state = next;
      return;
    }
    state = next;
    options.onChange?.(state);
  };
  // ioredis reports connection errors as events; unhandled, they would end the process.
  client.on('error', (error: Error) => {
    change({
      store: 'redis',
      shared: false,
      message: `Redis at ${where} unreachable (${error.message}): per-process limit in force`,
    });
  });

  const handler: MiddlewareHandler = async function sharedRateLimitHandler(c, next) {
    try {
      await limiter.consume(options.key(c));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        change({ store: 'redis', shared: true, message: `shared limit in Redis at ${where}` });
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new DocentError(
          'request:rate-limited',
          `Too many questions at once. Wait ${retryAfter} s and ask again.`,
          { headers: { 'Retry-After': String(retryAfter) } },
        );
      }
      change({
        store: 'redis',
        shared: false,
        message: `Redis at ${where} unreachable (${rejection instanceof Error ? rejection.message : String(rejection)}): per-process limit in force`,
      });
      return fallback(c, next);
    }
    change({ store: 'redis', shared: true, message: `shared limit in Redis at ${where}` });
    await next();
  };
  Object.defineProperty(handler, 'state', { get: () => state });
  const ready = new Promise<void>((resolve) => {
    client.once('ready', () => {
      change({ store: 'redis', shared: true, message: `shared limit in Redis at ${where}` });
      resolve();
    });
  });
  return Object.assign(handler, {
    ready,
    close: async () => {
      client.disconnect();
    },
  }) as SharedRateLimiter;
}
