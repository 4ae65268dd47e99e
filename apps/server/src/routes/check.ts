import { Hono } from 'hono';
import { costIssue, keyIssue, type Issue } from '@ratelab/algorithms';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { errorBody, HttpError } from '../errors/http-error.js';
import { readJson, validate } from '../errors/read-json.js';
import { boundedBody } from '../middleware/body/bounded-body.js';
import { rateLimitHeaders } from '../middleware/rate-limit/headers.js';
import { ruleIdIssue } from '../rules/live-rule.js';

/** Largest /v1/check body in bytes: a rule id, a key of at most 256 characters and a cost fit easily. */
export const CHECK_BODY_BYTES = 4096;

const checkBody = z.strictObject({
  rule: z.string({ error: 'rule must be the id of a rule in force (a string)' }),
  key: z.string({ error: 'key must be a string of 1-256 characters' }),
  cost: z.number({ error: 'cost must be a whole number' }).optional(),
});

/** POST /v1/check: decides one request on the live limiter; 200 whether allowed or not. */
export function checkRoutes(ctx: AppContext): Hono {
  const r = new Hono();
  r.post(
    '/v1/check',
    boundedBody(CHECK_BODY_BYTES, (c) => c.json(errorBody('body_too_large', `a check body is at most ${CHECK_BODY_BYTES} bytes`), 413)),
    async (c) => {
      const body = validate(checkBody, await readJson(c), 'the check request');
      const issues: Issue[] = [];
      const idProblem = ruleIdIssue(body.rule);
      if (idProblem) issues.push({ path: 'rule', message: idProblem });
      const keyProblem = keyIssue(body.key);
      if (keyProblem) issues.push({ path: 'key', message: keyProblem });
      if (issues.length) throw new HttpError(400, 'invalid_input', 'the check request is not valid: fix the fields listed in issues', issues);
      const rule = ctx.rules.get(body.rule);
      if (!rule) throw new HttpError(404, 'unknown_rule', `no rule "${body.rule}" is in force; GET /v1/rules lists them`, [{ path: 'rule', message: 'unknown rule id' }]);
      const cost = body.cost ?? 1;
      const costProblem = costIssue(rule, cost);
      if (costProblem) throw new HttpError(400, 'invalid_cost', costProblem, [{ path: 'cost', message: costProblem }]);
      const started = performance.now();
      const d = await ctx.live.decide(rule, body.key, cost);
      const decideMs = performance.now() - started;
      const out: Record<string, unknown> = {
        allowed: d.allowed,
        remaining: d.remaining,
        limit: d.limit,
        retryAfterMs: d.retryAfterMs,
        resetMs: d.resetMs,
        rule: rule.id,
        source: d.source,
      };
      if (d.delayMs !== undefined) out.delayMs = d.delayMs;
      if (d.reason) out.reason = d.reason;
      // Server-Timing shows how long the decision took inside the server, Redis round trip or fallback included.
      return c.json(out, 200, { ...rateLimitHeaders(rule, d), 'Server-Timing': `decide;dur=${decideMs.toFixed(1)}` });
    },
  );
  return r;
}
