import { type Store, StoreError } from '@docent/retrieval';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Hono } from 'hono';
import type { AppContext } from '../http/app-context.js';
import { DocentError } from '../http/docent-error.js';
import { readJson } from '../http/read-json.js';
import { docsMcpServer } from './docs-mcp-server.js';

/** The site URL the index was built with; a store that cannot be read is a 503, as on `/api/chat`. */
async function indexSiteUrl(store: Store): Promise<string | undefined> {
  try {
    return (await store.stats()).info?.siteUrl;
  } catch (error) {
    if (error instanceof StoreError)
      throw new DocentError(
        'store:unavailable',
        `${error.message} The docs cannot be searched right now; try again shortly.`,
        { cause: error },
      );
    throw error;
  }
}

/**
 * The request as the SDK's transport takes it. Its responses are JSON here (`enableJsonResponse`), so a
 * client that accepts only `application/json` (or anything) is served, not refused with 406: the transport
 * is told it also accepts the event stream it will never be sent. The body was read already.
 */
function acceptingJson(request: Request): Request {
  const accept = request.headers.get('accept') ?? '';
  if (/text\/event-stream/.test(accept) || !/application\/json|\*\/\*|^$/.test(accept)) return request;
  const headers = new Headers(request.headers);
  headers.set('accept', 'application/json, text/event-stream');
  return new Request(request.url, { method: request.method, headers, signal: request.signal });
}

/** `POST /mcp`: the docs as an MCP server (Streamable HTTP, stateless, JSON responses). */
export function mcpRoute(app: Hono, context: AppContext): void {
  const { answers, questionLog, config, store } = context;
  app.post('/mcp', async (c) => {
    const body = await readJson(c);
    // One JSON-RPC message per request, so the rate limit counts every tool call.
    if (Array.isArray(body) && body.length > 1)
      throw new DocentError('request:batch-not-allowed', 'Send one JSON-RPC message per request to /mcp.');
    const server = docsMcpServer({
      answers,
      questionLog,
      siteUrl: config.siteUrl ?? (await indexSiteUrl(store)) ?? new URL(c.req.url).origin,
      signal: c.req.raw.signal,
    });
    // Stateless: every request gets its own server and transport, so replicas need no shared session.
    const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(acceptingJson(c.req.raw), { parsedBody: body });
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
