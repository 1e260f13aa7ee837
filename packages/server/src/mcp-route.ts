import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Hono } from 'hono';
import type { AppContext } from './app-context.js';
import { DocentError } from './docent-error.js';
import { docsMcpServer } from './docs-mcp-server.js';
import { readJson } from './read-json.js';

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
      siteUrl: config.siteUrl ?? (await store.stats()).info?.siteUrl ?? new URL(c.req.url).origin,
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
