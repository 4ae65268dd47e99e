import { Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import { clientAddress, rateLimit, type RateLimitVariables } from '../middleware/rate-limit/index.js';
import { RULE_ID_PATTERN } from '../rules/live-rule.js';

/** GET /v1/demo/:rule — a resource protected by the rateLimit middleware, key from ?key= or the client address. */
export function demoRoutes(ctx: AppContext): Hono<{ Variables: RateLimitVariables }> {
  const r = new Hono<{ Variables: RateLimitVariables }>();
  r.get(
    '/v1/demo/:rule',
    rateLimit({
      rule: (c) => {
        const id = c.req.param('rule') ?? '';
        return RULE_ID_PATTERN.test(id) ? ctx.rules.get(id) : undefined;
      },
      key: (c) => c.req.query('key') ?? clientAddress(c),
      limiter: ctx.live,
    }),
    (c) => {
      const d = c.get('rateLimit');
      return c.json({ ok: true, message: `request allowed by rule "${d.rule}"`, decision: d });
    },
  );
  return r;
}
