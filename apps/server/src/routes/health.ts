import { Hono } from 'hono';
import type { AppContext } from '../app-context.js';

/** Redis "up" or "down" by a PING bounded by the Redis timeout; the embedded store is always "embedded". */
async function redisState(ctx: AppContext): Promise<'embedded' | 'up' | 'down'> {
  if (ctx.handle.kind === 'embedded') return 'embedded';
  try {
    return (await ctx.redis.ping()) === 'PONG' ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

/** GET /healthz: what the process runs on and whether it can reach it. Always 200 while the process serves. */
export function healthRoutes(ctx: AppContext): Hono {
  const r = new Hono();
  r.get('/healthz', async (c) => {
    const redis = await redisState(ctx);
    const breaker = ctx.breaker.state;
    return c.json({
      status: redis !== 'down' && breaker === 'closed' ? 'ok' : 'degraded',
      redis,
      breaker,
      breakerScope: ctx.config.breaker.scope,
      store: ctx.handle.describe,
      rulesVersion: ctx.rules.version,
      rules: ctx.rules.list().length,
      processes: ctx.heartbeats.count,
    });
  });
  return r;
}
