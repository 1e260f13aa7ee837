import { randomBytes } from 'node:crypto';
import type { Embedder, Store } from '@docent/retrieval';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ExtractiveGenerator } from '../answering/extractive-generator.js';
import type { Generator } from '../answering/generator.js';
import { MessageSigner } from '../answering/message-signer.js';
import { mcpRoute } from '../mcp/mcp-route.js';
import { FeedbackFile } from '../question-log/feedback-file.js';
import { openQuestionLog } from '../question-log/open-question-log.js';
import type { AppContext } from './app-context.js';
import { chatRoute } from './chat-route.js';
import { clientKey } from './client-key.js';
import { DocentError } from './docent-error.js';
import { errorResponse } from './error-response.js';
import { feedbackRoute } from './feedback-route.js';
import { healthRoutes } from './health-routes.js';
import { Metrics } from './metrics.js';
import { mcpOriginPolicy, originPolicy } from './origin-policy.js';
import { redactingLog } from './public-text.js';
import { rateLimit } from './rate-limit.js';
import { searchRoute } from './search-route.js';
import { DEFAULT_CONFIG, type ServerConfig } from './server-config.js';
import { sharedRateLimit } from './shared-rate-limit.js';

export type AppDependencies = {
  store: Store;
  embedder?: Embedder | null;
  /** Defaults to the extractive generator (no LLM). */
  generator?: Generator;
  config?: Partial<ServerConfig>;
  /** Where feedback is appended as JSON lines (rotated at 10 MB); without it feedback is only counted and logged. */
  feedbackFile?: string;
  /** Record every question and feedback here: a JSONL file path or a `postgres://` URL (`--question-log`). */
  questionLog?: string;
  log?: (line: string) => void;
};

/** How many times the chat's rate limit a client gets for `GET /api/search` (one request per keystroke). */
export const SEARCH_RATE_FACTOR = 10;

/** The endpoints, for metrics labels: anything else is counted as `unmatched`. */
const ROUTES = new Set([
  '/api/chat',
  '/api/search',
  '/api/feedback',
  '/mcp',
  '/healthz',
  '/readyz',
  '/metrics',
]);

function appConfig(overrides: Partial<ServerConfig> | undefined): ServerConfig {
  const config: ServerConfig = { ...DEFAULT_CONFIG, secret: randomBytes(32).toString('hex'), ...overrides };
  if (!(config.declineThreshold >= 0 && config.declineThreshold <= 1)) {
    throw new Error(
      `declineThreshold must be between 0 and 1 (DOCENT_DECLINE_THRESHOLD), not ${config.declineThreshold}.`,
    );
  }
  return config;
}

/** Origins, body size and rate limit: the same for the widget's `/api/*` and MCP clients' `/mcp`. */
function guard(app: Hono, context: AppContext): void {
  const { config } = context;
  const limitBody = bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: () => {
      throw new DocentError(
        'request:too-large',
        `The request body is over the ${config.maxBodyBytes}-byte limit. Shorten the question or clear the conversation.`,
      );
    },
  });
  app.use(
    '/api/*',
    originPolicy({
      allowedOrigins: config.allowedOrigins,
      ...(config.siteUrl ? { siteUrl: config.siteUrl } : {}),
    }),
    limitBody,
  );
  if (config.mcp) app.use('/mcp', mcpOriginPolicy({ allowedOrigins: config.allowedOrigins }), limitBody);
  if (!config.rateLimit) return;
  // One limiter for the widget and MCP clients: a client's questions count the same on either.
  const limiter =
    context.sharedLimiter ?? rateLimit({ ...config.rateLimit, key: clientKey(config.trustProxy) });
  // Search as you type sends a request per keystroke: its own bucket, `SEARCH_RATE_FACTOR` times the chat's.
  const searchLimiter = rateLimit({
    burst: config.rateLimit.burst * SEARCH_RATE_FACTOR,
    perMinute: config.rateLimit.perMinute * SEARCH_RATE_FACTOR,
    key: clientKey(config.trustProxy),
  });
  const limitRate: MiddlewareHandler = async (c, next) =>
    c.req.method === 'OPTIONS'
      ? next()
      : c.req.path === '/api/search'
        ? searchLimiter(c, next)
        : limiter(c, next);
  app.use('/api/*', limitRate);
  if (config.mcp) app.use('/mcp', limitRate);
}

/** Builds the Docent answer service from its parts; tests and other hosts compose it the same way. */
export function createApp(dependencies: AppDependencies) {
  const config = appConfig(dependencies.config);
  const metrics = new Metrics();
  const log = redactingLog(dependencies.log ?? ((line: string) => console.error(line)));
  const context: AppContext = {
    config,
    store: dependencies.store,
    answers: {
      store: dependencies.store,
      embedder: dependencies.embedder ?? null,
      generator: dependencies.generator ?? new ExtractiveGenerator(),
      signer: new MessageSigner([config.secret, ...config.previousSecrets], config.signatureTtlMs),
      metrics,
      config,
      log,
    },
    metrics,
    questionLog: dependencies.questionLog ? openQuestionLog(dependencies.questionLog, metrics, log) : null,
    feedbackFile: dependencies.feedbackFile ? new FeedbackFile(dependencies.feedbackFile) : null,
    sharedLimiter: config.rateLimit?.store
      ? sharedRateLimit({
          ...config.rateLimit,
          url: config.rateLimit.store,
          key: clientKey(config.trustProxy),
          onChange: (state) => {
            metrics.rateLimitShared.set(state.shared ? 1 : 0);
            if (!state.shared) metrics.rateLimitFallbacks.inc();
            log(`[docent] rate limit: ${state.message}`);
          },
        })
      : null,
    log,
  };

  const app = new Hono();
  app.use('*', async function measure(c, next) {
    const started = performance.now();
    await next();
    const route = ROUTES.has(c.req.routePath)
      ? c.req.routePath
      : ROUTES.has(c.req.path)
        ? c.req.path
        : 'unmatched';
    metrics.requests.inc({ route, status: String(c.res.status) });
    metrics.requestSeconds.observe({ route }, (performance.now() - started) / 1000);
  });
  guard(app, context);
  chatRoute(app, context);
  feedbackRoute(app, context);
  searchRoute(app, context);
  if (config.mcp) mcpRoute(app, context);
  healthRoutes(app, context);
  // Answered here, not thrown, so the request is measured like any other.
  app.notFound((c) =>
    errorResponse(
      new DocentError(
        'request:not-found',
        `No such endpoint. Docent serves POST /api/chat, POST /api/feedback, GET /api/search${config.mcp ? ', POST /mcp (MCP)' : ''}, GET /healthz, /readyz and /metrics.`,
      ),
      c,
      metrics,
      log,
    ),
  );
  app.onError((error, c) => errorResponse(error, c, metrics, log));

  return Object.assign(app, {
    metrics,
    config,
    answers: context.answers,
    questionLog: context.questionLog,
    sharedLimiter: context.sharedLimiter,
  });
}
