import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

/**
 * What `--static` may serve from the build folder at `root`: never a dotfile or a file in a dot folder
 * (`/.env`, `/.git/config`; `/.well-known/` excepted), and never a file a symlink takes out of the folder.
 * Anything else goes on to the static file server; a refused path is answered `notFound`, as a missing one.
 * `base` is the site's baseUrl the build is served under.
 */
export function staticGuard(root: string, notFound: MiddlewareHandler, base = '/'): MiddlewareHandler {
  const realRoot = realpath(root).catch(() => root);
  return async function guardStatic(c, next) {
    let path: string;
    try {
      // Under the site's baseUrl, a path names the file at its rest (`/product/docs/x` is `docs/x`).
      const served = c.req.path.startsWith(base) ? `/${c.req.path.slice(base.length)}` : c.req.path;
      path = decodeURIComponent(served);
    } catch {
      return notFound(c, next);
    }
    const segments = path.split(/[/\\]/);
    if (segments.some((segment) => segment.startsWith('.') && segment !== '.well-known'))
      return notFound(c, next);
    const file = await realpath(join(root, path)).catch(() => null);
    if (file !== null) {
      const inside = relative(await realRoot, file);
      if (inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return notFound(c, next);
    }
    return next();
  };
}
