import type { MiddlewareHandler } from 'hono';
import type { AppContext } from '../app-context.js';
import { HttpError } from '../errors/http-error.js';
import { clientAddress, rateLimit } from '../middleware/rate-limit/index.js';

/** The labs' own bounds: their ratelab rate limit per client address, then a cap on labs running at once. */
export function labGuards(ctx: AppContext): [MiddlewareHandler, MiddlewareHandler] {
  const limit = rateLimit({ rule: ctx.labs.rule, limiter: ctx.live, key: (c) => `lab:${clientAddress(c)}` });
  const concurrency: MiddlewareHandler = async (_c, next) => {
    if (ctx.labsRunning.count >= ctx.labs.maxConcurrent) {
      throw new HttpError(429, 'labs_busy', `${ctx.labs.maxConcurrent} replays or races are already running on this server; retry in a few seconds`);
    }
    ctx.labsRunning.count += 1;
    try {
      await next();
    } finally {
      ctx.labsRunning.count -= 1;
    }
  };
  return [limit as unknown as MiddlewareHandler, concurrency];
}
