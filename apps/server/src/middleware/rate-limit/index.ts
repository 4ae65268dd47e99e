import type { Context, MiddlewareHandler } from 'hono';
import { costIssue, keyIssue } from '@ratelab/algorithms';
import { errorBody } from '../../errors/http-error.js';
import type { LiveDecision } from '../../live/decision-source.js';
import type { LiveLimiter } from '../../live/live-limiter.js';
import type { LiveRule } from '../../rules/live-rule.js';
import { clientAddress } from './client-key.js';
import { rateLimitHeaders } from './headers.js';

export { rateLimitHeaders, policyWindowSeconds } from './headers.js';
export { clientAddress } from './client-key.js';

export interface RateLimitOptions {
  /** The rule to apply: a rule, or a function of the request returning one (undefined answers 404). */
  rule: LiveRule | ((c: Context) => LiveRule | undefined);
  /** The limiter that decides (a LiveLimiter on your Redis). */
  limiter: Pick<LiveLimiter, 'decide'>;
  /** The client key of a request (default: the client's socket address). */
  key?: (c: Context) => string | undefined;
  /** Units a request consumes (default 1). */
  cost?: number | ((c: Context) => number);
}

export type RateLimitVariables = { rateLimit: LiveDecision };

/**
 * Hono middleware: decides each request with the live limiter, sets RateLimit-Policy and RateLimit on every
 * response, and answers 429 with Retry-After when blocked. Usable on any Hono app:
 *   app.use('/api/*', rateLimit({ rule, limiter: new LiveLimiter({ redis }) }))
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<{ Variables: RateLimitVariables }> {
  return async (c, next) => {
    const rule = typeof options.rule === 'function' ? options.rule(c) : options.rule;
    // Problems are answered here rather than thrown, so the middleware gives the same 4xx bodies in an app
    // that has no ratelab onError.
    if (!rule) return c.json(errorBody('unknown_rule', 'no rate-limit rule is in force for this route; GET /v1/rules lists them'), 404);
    const key = options.key?.(c) ?? clientAddress(c);
    const keyProblem = keyIssue(key);
    if (keyProblem) return c.json(errorBody('invalid_key', keyProblem, [{ path: 'key', message: keyProblem }]), 400);
    const cost = typeof options.cost === 'function' ? options.cost(c) : (options.cost ?? 1);
    const costProblem = costIssue(rule, cost);
    if (costProblem) return c.json(errorBody('invalid_cost', costProblem, [{ path: 'cost', message: costProblem }]), 400);
    const decision = await options.limiter.decide(rule, key as string, cost);
    const headers = rateLimitHeaders(rule, decision);
    c.set('rateLimit', decision);
    if (!decision.allowed) {
      return c.json(
        {
          error: {
            code: 'rate_limited',
            message: `rate limit "${rule.id}" exceeded for this key; retry in ${decision.retryAfterMs} ms`,
          },
          decision,
        },
        429,
        headers,
      );
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
