import { UI_MESSAGE_STREAM_HEADER } from '@docent/protocol';
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { DocentError } from './docent-error.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `origin` is the origin of the site's configured URL (`--site-url`). */
function isSiteOrigin(origin: string, siteUrl: string | undefined): boolean {
  if (!siteUrl) return false;
  try {
    return new URL(origin).origin === new URL(siteUrl).origin;
  } catch {
    return false;
  }
}

/**
 * Which browser origins may ask: the listed ones (or any, with `*`), the site's configured URL (`--site-url`,
 * the demo serving the site and the API together) and, in development, a loopback page calling a service
 * reached on loopback (`docusaurus start` on localhost:3000 against localhost:8787). An origin equal to the
 * `Host` header is not enough: under DNS rebinding a page on evil.example reaches this service with
 * `Host: evil.example` and `Origin: http://evil.example` (`/mcp` refuses it the same way). Every answer,
 * refusals included, carries CORS headers and the preflight passes for any origin, so a refused site's
 * widget can read why; the request itself is what the check refuses.
 */
export function originPolicy(options: {
  allowedOrigins: string[] | '*';
  siteUrl?: string;
}): MiddlewareHandler {
  const allowed = (origin: string, host: string | undefined) =>
    options.allowedOrigins === '*' ||
    options.allowedOrigins.includes(origin) ||
    isSiteOrigin(origin, options.siteUrl) ||
    bothLoopback(origin, host);
  const withCors = cors({
    origin: (origin) => origin,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['content-type'],
    exposeHeaders: ['retry-after', UI_MESSAGE_STREAM_HEADER],
    maxAge: 600,
  });
  return async function allowOrigin(c, next) {
    return withCors(c, async () => {
      const origin = c.req.header('origin');
      if (origin && !allowed(origin, c.req.header('host'))) {
        throw new DocentError(
          'request:origin-not-allowed',
          `This site (${origin}) may not use this assistant: add it to DOCENT_ALLOWED_ORIGINS (or --allowed-origins) on the answer service.`,
        );
      }
      await next();
    });
  };
}

/**
 * Who may call `/mcp`. IDE agents and other programs send no `Origin` and are let through (the rate limit
 * and bounds still apply). A browser always sends one, and for this endpoint `*` is not enough: the origin
 * must be listed in `--allowed-origins`, or be a loopback page calling a loopback service (a local MCP
 * inspector). That refuses DNS rebinding, where a page on another name reaches a service on this machine:
 * its origin is its own name, never listed and never loopback.
 */
export function mcpOriginPolicy(options: { allowedOrigins: string[] | '*' }): MiddlewareHandler {
  const withCors = cors({
    origin: (origin) => origin,
    allowMethods: ['POST', 'GET', 'DELETE', 'OPTIONS'],
    allowHeaders: ['content-type', 'accept', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id'],
    exposeHeaders: ['retry-after', 'mcp-session-id'],
    maxAge: 600,
  });
  return async function allowMcpOrigin(c, next) {
    return withCors(c, async () => {
      const origin = c.req.header('origin');
      if (origin === undefined) return next();
      const listed = options.allowedOrigins !== '*' && options.allowedOrigins.includes(origin);
      if (!listed && !bothLoopback(origin, c.req.header('host'))) {
        throw new DocentError(
          'request:origin-not-allowed',
          `Browser pages on ${origin} may not call this MCP endpoint: list the origin in DOCENT_ALLOWED_ORIGINS (--allowed-origins). IDE agents send no origin and need no listing.`,
        );
      }
      await next();
    });
  };
}

/** A loopback page calling a service reached on loopback (local development, a local MCP inspector). */
function bothLoopback(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return LOOPBACK.has(new URL(origin).hostname) && LOOPBACK.has(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}
