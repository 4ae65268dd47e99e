import { Hono } from 'hono';
import type { AppContext } from '../app-context.js';

/** GET /metrics: Prometheus text format. */
export function metricsRoutes(ctx: AppContext): Hono {
  const r = new Hono();
  r.get('/metrics', async (c) => c.body(await ctx.metrics.text(), 200, { 'Content-Type': ctx.metrics.registry.contentType }));
  return r;
}
