import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/** Shown when dist/web has not been built: the API works, the playground honestly is not there. */
const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ratelab — playground not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>ratelab server is running</h1>
<p>The web playground has not been built yet, so there is nothing to show here.
Run <code>npm start</code> (it builds the playground when its sources exist) or <code>npx vite build</code>.</p>
<p>The API is live: <a href="/healthz">/healthz</a>, <a href="/v1/rules">/v1/rules</a>, <a href="/metrics">/metrics</a>.</p>
</body></html>`;

const API = /^\/(v1|healthz|metrics)(\/|$)/;

/**
 * Serves the built web app from `dir` and, for any other GET that is not an API path, its index.html so the
 * single-page app's own routes work on reload. The directory is checked per request, so a build made while
 * the server runs is picked up.
 */
export function staticRoutes(dir: string): Hono {
  const r = new Hono();
  r.use('*', async (c, next) => {
    if (API.test(c.req.path) || !existsSync(dir)) return next();
    return serveStatic({ root: dir })(c, next);
  });
  r.get('*', (c) => {
    // A missing file (a path with an extension) is a 404, not the app: a stale asset URL must fail visibly.
    if (API.test(c.req.path) || /\.[A-Za-z0-9]{1,8}$/.test(c.req.path)) return c.notFound();
    const index = path.join(dir, 'index.html');
    if (!existsSync(index)) return c.html(NOT_BUILT, 200);
    return c.html(readFileSync(index, 'utf8'));
  });
  return r;
}
