import { randomBytes, randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import {
  chatRequestSchema,
  feedbackSchema,
  parseWith,
  UI_MESSAGE_STREAM_HEADER,
  UI_MESSAGE_STREAM_VERSION,
} from '@docent/protocol';
import type { Embedder, Store } from '@docent/retrieval';
import { getConnInfo } from '@hono/node-server/conninfo';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { answerStream } from './answer-stream.js';
import { addressKey, clientAddress } from './client-address.js';
import { DocentError } from './docent-error.js';
import { docsMcpServer } from './docs-mcp-server.js';
import { ExtractiveGenerator } from './extractive-generator.js';
import type { Generator } from './generator.js';
import { MessageSigner } from './message-signer.js';
import { Metrics } from './metrics.js';
import { openQuestionLog } from './open-question-log.js';
import { mcpOriginPolicy, originPolicy } from './origin-policy.js';
import { type AnswerDependencies, prepareAnswer } from './prepare-answer.js';
import { publicText } from './public-text.js';
import { questionEntry } from './question-log.js';
import { rateLimit } from './rate-limit.js';
import { redactSecrets } from './redact-secrets.js';
import { DEFAULT_CONFIG, type ServerConfig } from './server-config.js';

export type AppDependencies = {
  store: Store;
  embedder?: Embedder | null;
  /** Defaults to the extractive generator (no LLM). */
  generator?: Generator;
  config?: Partial<ServerConfig>;
  /** Where feedback is appended as JSON lines; without it feedback is only counted and logged. */
  feedbackFile?: string;
  /** Record every question and feedback here: a JSONL file path or a `postgres://` URL (`--question-log`). */
  questionLog?: string;
  log?: (line: string) => void;
};

async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new DocentError(
      'request:unsupported-media-type',
      `Send the body as JSON with "Content-Type: application/json" (got "${type || 'none'}").`,
    );
  }
  try {
    return await c.req.json();
  } catch (error) {
    if (error instanceof HTTPException && error.status === 413) throw error;
    throw new DocentError('request:invalid-json', 'The request body is not valid JSON.');
  }
}

/**
 * Who a request comes from, as a rate-limit key: the socket's address, or behind trusted proxies the entry
 * the nearest of them vouches for (see `clientAddress`); IPv6 by /64.
 */
function clientKey(trustedProxies: number) {
  return (c: Context) => {
    let socket: string | undefined;
    try {
      socket = getConnInfo(c).remote.address;
    } catch {
      // Not behind @hono/node-server (e.g. app.request() in tests): every request shares one bucket.
      socket = 'local';
    }
    return addressKey(clientAddress(c.req.header('x-forwarded-for'), socket, trustedProxies));
  };
}

/** Builds the Docent answer service from its parts; tests and other hosts compose it the same way. */
export function createApp(dependencies: AppDependencies) {
  const config: ServerConfig = {
    ...DEFAULT_CONFIG,
    secret: randomBytes(32).toString('hex'),
    ...dependencies.config,
  };
  if (!(config.declineThreshold >= 0 && config.declineThreshold <= 1)) {
    throw new Error(
      `declineThreshold must be between 0 and 1 (DOCENT_DECLINE_THRESHOLD), not ${config.declineThreshold}.`,
    );
  }
  const metrics = new Metrics();
  const log = dependencies.log ?? ((line: string) => console.error(line));
  const answers: AnswerDependencies = {
    store: dependencies.store,
    embedder: dependencies.embedder ?? null,
    generator: dependencies.generator ?? new ExtractiveGenerator(),
    signer: new MessageSigner([config.secret, ...config.previousSecrets], config.signatureTtlMs),
    metrics,
    config,
    log,
  };

  const questionLog = dependencies.questionLog
    ? openQuestionLog(dependencies.questionLog, metrics, log)
    : null;

  const app = new Hono();

  app.use('*', async function measure(c, next) {
    const started = performance.now();
    await next();
    const route = c.req.routePath || 'unmatched';
    metrics.requests.inc({ route, status: String(c.res.status) });
    metrics.requestSeconds.observe({ route }, (performance.now() - started) / 1000);
  });

  const limitBody = bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: () => {
      throw new DocentError(
        'request:too-large',
        `The request body is over the ${config.maxBodyBytes}-byte limit. Shorten the question or clear the conversation.`,
      );
    },
  });
  app.use('/api/*', originPolicy({ allowedOrigins: config.allowedOrigins }), limitBody);
  if (config.mcp) app.use('/mcp', mcpOriginPolicy({ allowedOrigins: config.allowedOrigins }), limitBody);
  if (config.rateLimit) {
    // One limiter for the widget and MCP clients: a client's questions count the same on either.
    const limiter = rateLimit({ ...config.rateLimit, key: clientKey(config.trustProxy) });
    const limitRate: MiddlewareHandler = async (c, next) =>
      c.req.method === 'OPTIONS' ? next() : limiter(c, next);
    app.use('/api/*', limitRate);
    if (config.mcp) app.use('/mcp', limitRate);
  }

  app.post('/api/chat', async (c) => {
    const requestStarted = performance.now();
    const parsed = parseWith(chatRequestSchema, await readJson(c));
    if (!parsed.success) throw new DocentError('request:invalid', `Invalid chat request: ${parsed.error}.`);
    const prepared = await prepareAnswer(parsed.data, answers, c.req.raw.signal);
    const answerId = randomUUID();
    let finished = false;
    const body = answerStream(prepared, answers, {
      signal: c.req.raw.signal,
      requestStarted,
      answerId,
      onDone: (outcome, result) => {
        if (finished) return;
        finished = true;
        if (outcome !== 'ok') log(`answer ended: ${outcome}`);
        questionLog?.record(
          questionEntry(
            prepared,
            { answerId, page: parsed.data.context?.path ?? null, channel: 'chat' },
            outcome,
            result,
          ),
        );
      },
    });
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        [UI_MESSAGE_STREAM_HEADER]: UI_MESSAGE_STREAM_VERSION,
      },
    });
  });

  app.post('/api/feedback', async (c) => {
    const parsed = parseWith(feedbackSchema, await readJson(c));
    if (!parsed.success) throw new DocentError('request:invalid', `Invalid feedback: ${parsed.error}.`);
    metrics.feedback.inc({ rating: parsed.data.rating });
    const record = { ...parsed.data, at: new Date().toISOString() };
    questionLog?.record({
      type: 'feedback',
      at: record.at,
      answerId: parsed.data.messageId,
      rating: parsed.data.rating,
      reason: parsed.data.reason ? redactSecrets(parsed.data.reason) : null,
    });
    if (dependencies.feedbackFile) await appendFile(dependencies.feedbackFile, `${JSON.stringify(record)}\n`);
    else log(`feedback: ${JSON.stringify(record)}`);
    return c.json({ ok: true }, 202);
  });

  if (config.mcp) {
    app.post('/mcp', async (c) => {
      const body = await readJson(c);
      // One JSON-RPC message per request, so the rate limit counts every tool call.
      if (Array.isArray(body) && body.length > 1)
        throw new DocentError('request:batch-not-allowed', 'Send one JSON-RPC message per request to /mcp.');
      const stats = await dependencies.store.stats();
      const server = docsMcpServer({
        answers,
        questionLog,
        siteUrl: config.siteUrl ?? stats.info?.siteUrl ?? new URL(c.req.url).origin,
        signal: c.req.raw.signal,
      });
      // Stateless: every request gets its own server and transport, so replicas need no shared session.
      const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
      await server.connect(transport);
      try {
        return await transport.handleRequest(c.req.raw, { parsedBody: body });
      } finally {
        await server.close();
      }
    });
    app.on(['GET', 'DELETE'], '/mcp', () => {
      throw new DocentError(
        'request:method-not-allowed',
        'This MCP endpoint is stateless: send each JSON-RPC message with POST (Streamable HTTP); it opens no event stream and keeps no session.',
        { headers: { allow: 'POST' } },
      );
    });
  }

  app.get('/healthz', (c) => c.json({ ok: true }));

  app.get('/readyz', async (c) => {
    const store = await dependencies.store.health();
    const stats = store.ok ? await dependencies.store.stats().catch(() => null) : null;
    const body = {
      ok: store.ok,
      store: {
        kind: dependencies.store.kind,
        ok: store.ok,
        message: publicText(store.message),
        chunks: stats?.chunks ?? 0,
        locales: stats?.locales ?? [],
        versions: stats?.versions ?? [],
      },
      generator: { mode: answers.generator.mode, description: publicText(answers.generator.description) },
      embedder: answers.embedder?.id ?? 'none',
    };
    return c.json(body, store.ok ? 200 : 503);
  });

  app.get('/metrics', async (c) =>
    c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }),
  );

  app.notFound(() => {
    throw new DocentError(
      'request:not-found',
      `No such endpoint. Docent serves POST /api/chat, POST /api/feedback${config.mcp ? ', POST /mcp (MCP)' : ''}, GET /healthz, /readyz and /metrics.`,
    );
  });

  app.onError((error, c) => {
    if (error instanceof DocentError) {
      metrics.errors.inc({ type: error.code });
      return c.json(error.toJSON(), error.status as 400, error.headers);
    }
    if (error instanceof HTTPException) {
      metrics.errors.inc({ type: `http:${error.status}` });
      return c.json(
        { error: { code: `request:http-${error.status}`, message: error.message || 'Bad request.' } },
        error.status,
      );
    }
    metrics.errors.inc({ type: 'server:internal' });
    log(`unexpected error: ${(error as Error).stack ?? String(error)}`);
    return c.json(
      {
        error: {
          code: 'server:internal',
          message:
            'Something went wrong on the server. Try again; if it keeps happening, check the server log.',
        },
      },
      500,
    );
  });

  return Object.assign(app, { metrics, config, answers, questionLog });
}
