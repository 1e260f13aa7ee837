import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DocentError } from './docent-error.js';

/**
 * A request's JSON body: `application/json` in UTF-8 (JSON's only encoding, RFC 8259), or a 415 that says so;
 * a body that does not parse is a 400.
 */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new DocentError(
      'request:unsupported-media-type',
      `Send the body as JSON with "Content-Type: application/json" (got "${type || 'none'}").`,
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(type)?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) {
    throw new DocentError(
      'request:unsupported-media-type',
      `Send the JSON body in UTF-8 ("Content-Type: application/json; charset=utf-8"), not ${charset}.`,
    );
  }
  try {
    return await c.req.json();
  } catch (error) {
    if (error instanceof HTTPException && error.status === 413) throw error;
    throw new DocentError('request:invalid-json', 'The request body is not valid JSON.');
  }
}
