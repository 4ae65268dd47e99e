import { Hono } from 'hono';
import { RuleError } from '@ratelab/algorithms';
import type { AppContext } from '../app-context.js';
import { adminAuth } from '../auth/admin-auth.js';
import { HttpError } from '../errors/http-error.js';
import { readJson } from '../errors/read-json.js';
import { parseLiveRule, ruleIdIssue } from '../rules/live-rule.js';
import { RuleStoreUnavailableError } from '../rules/rule-store.js';

function checkedId(id: string): string {
  const problem = ruleIdIssue(id);
  if (problem) throw new HttpError(400, 'invalid_rule_id', problem, [{ path: 'id', message: problem }]);
  return id;
}

/** GET /v1/rules[/:id] (public), PUT and DELETE /v1/rules/:id (admin token). */
export function ruleRoutes(ctx: AppContext): Hono {
  const r = new Hono();
  const admin = adminAuth(ctx.config.adminToken);
  r.get('/v1/rules', (c) => {
    const { version, rules, skipped } = ctx.rules.current();
    return c.json({ version, rules, skipped });
  });
  r.get('/v1/rules/:id', (c) => {
    const id = checkedId(c.req.param('id'));
    const rule = ctx.rules.get(id);
    if (!rule) throw new HttpError(404, 'unknown_rule', `no rule "${id}" is in force; GET /v1/rules lists them`);
    return c.json(rule);
  });
  r.put('/v1/rules/:id', admin, async (c) => {
    const id = checkedId(c.req.param('id'));
    let rule;
    try {
      rule = parseLiveRule(await readJson(c), id);
    } catch (error) {
      if (error instanceof RuleError) throw new HttpError(400, 'invalid_rule', 'the rule is not valid: fix the fields listed in issues', error.issues);
      throw error;
    }
    try {
      const stored = await ctx.rules.put(rule);
      if (stored === 'full') throw new HttpError(409, 'too_many_rules', `the store already holds ${ctx.rules.maxRules} rules: delete one before adding another`);
      return c.json(stored);
    } catch (error) {
      if (error instanceof RuleStoreUnavailableError) throw new HttpError(503, 'redis_unavailable', error.message);
      throw error;
    }
  });
  r.delete('/v1/rules/:id', admin, async (c) => {
    const id = checkedId(c.req.param('id'));
    try {
      const version = await ctx.rules.delete(id);
      if (version === false) throw new HttpError(404, 'unknown_rule', `no rule "${id}" to delete`);
      return c.json({ deleted: id, version });
    } catch (error) {
      if (error instanceof RuleStoreUnavailableError) throw new HttpError(503, 'redis_unavailable', error.message);
      throw error;
    }
  });
  return r;
}
