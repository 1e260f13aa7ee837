import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DocentError } from './docent-error.js';
import type { Metrics } from './metrics.js';

/**
 * The JSON error every failure becomes: a Docent error with its code and status, an HTTP error from a
 * middleware, or (logged with its stack) an unexpected one as a 500 that says to check the log.
 */
export function errorResponse(error: Error, c: Context, metrics: Metrics, log: (line: string) => void) {
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
  log(`unexpected error: ${error.stack ?? String(error)}`);
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
}
