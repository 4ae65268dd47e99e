// The conformance harness: runs one trace of requests on an engine and compares what the engines decided.
// Test-only code (it lives beside the suite, not in the public index). Every engine goes through the same code a
// real caller uses: `step` for the model, `createLimiter(...).check` for Lua on ioredis-mock and on real Redis.
import type { Decision } from '../decision.js';
import { resolveOptions, createLimiter, createScriptLimiter } from '../limiter/create-limiter.js';
import type { Limiter } from '../limiter/limiter.js';
import type { RedisLike } from '../limiter/redis-like.js';
import type { LuaScript } from '../lua/scripts.js';
import { step, type ModelState } from '../models/registry.js';
import { parseRule, type Rule, type RuleInput } from '../rules.js';

/** One request of a trace. `key` defaults to 'k'; `cost` to 1. Times may go backwards (clock skew). */
export interface TraceStep {
  t: number;
  cost?: number;
  key?: string;
}

/** One row of the conformance table. */
export interface ConformanceCase {
  name: string;
  rule: RuleInput;
  steps: TraceStep[];
}

/** The fields every engine must agree on, exactly. */
export type Outcome = Pick<Decision, 'allowed' | 'remaining' | 'retryAfterMs' | 'resetMs' | 'delayMs'>;
export const OUTCOME_FIELDS = ['allowed', 'remaining', 'retryAfterMs', 'resetMs', 'delayMs'] as const;

function outcome(d: Decision): Outcome {
  const o: Outcome = { allowed: d.allowed, remaining: d.remaining, retryAfterMs: d.retryAfterMs, resetMs: d.resetMs };
  if (d.delayMs !== undefined) o.delayMs = d.delayMs;
  return o;
}

/**
 * Long enough that no key expires while a trace runs on a slow, shared machine: traces use virtual time, and a
 * key expiring in real time halfway through would be a harness artefact, not an algorithm difference.
 */
export const HARNESS_TTL_MS = 10 * 60 * 1000;

/** The pure model: `step` per request, one state per key. */
export function runModel(ruleInput: RuleInput | Rule, steps: readonly TraceStep[]): Outcome[] {
  const rule = parseRule(ruleInput);
  const states = new Map<string, ModelState>();
  return steps.map((s) => {
    const key = s.key ?? 'k';
    const { decision, state } = step(rule, states.get(key), s.t, s.cost ?? 1);
    states.set(key, state);
    return outcome(decision);
  });
}

/** Any limiter, one request after the other (the naive bucket included: sequential, so it cannot race). */
export async function runLimiter(limiter: Limiter, steps: readonly TraceStep[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const s of steps) out.push(outcome(await limiter.check(s.key ?? 'k', { nowMs: s.t, cost: s.cost ?? 1 })));
  return out;
}

/**
 * Lua on a Redis (ioredis-mock or real), through `createLimiter`. With `script`, the same atomic limiter code runs
 * that script instead of the shipped one: the hook the "suite can fail" test uses for a broken copy.
 */
export function runRedis(
  redis: RedisLike,
  ruleInput: RuleInput | Rule,
  steps: readonly TraceStep[],
  options: { prefix: string; script?: LuaScript },
): Promise<Outcome[]> {
  const rule = parseRule(ruleInput);
  const limiterOptions = { prefix: options.prefix, keyTtlMs: HARNESS_TTL_MS };
  const limiter = options.script
    ? createScriptLimiter(redis, rule, options.script, resolveOptions(rule, limiterOptions))
    : createLimiter(redis, rule, limiterOptions);
  return runLimiter(limiter, steps);
}

/** Where two runs of the same trace first differ, or undefined when they agree decision for decision. */
export interface Difference {
  index: number;
  field: (typeof OUTCOME_FIELDS)[number] | 'length';
  a: unknown;
  b: unknown;
}

export function firstDifference(a: readonly Outcome[], b: readonly Outcome[]): Difference | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    for (const field of OUTCOME_FIELDS) {
      const x = (a[i] as Outcome)[field];
      const y = (b[i] as Outcome)[field];
      if (x !== y) return { index: i, field, a: x, b: y };
    }
  }
  return a.length === b.length ? undefined : { index: n, field: 'length', a: a.length, b: b.length };
}

/** The stores a trace runs on. `model` is the reference the others are compared with. */
export interface Stores {
  mock: RedisLike;
  real: RedisLike;
}

/** Runs one trace on all three stores; the report lists every store that differs from the model. */
export async function compareOnStores(
  rule: RuleInput | Rule,
  steps: readonly TraceStep[],
  stores: Stores,
  options: { prefix: string; script?: LuaScript },
): Promise<{ model: Outcome[]; differences: { store: 'mock' | 'real'; difference: Difference }[] }> {
  const model = runModel(rule, steps);
  const differences: { store: 'mock' | 'real'; difference: Difference }[] = [];
  for (const store of ['mock', 'real'] as const) {
    const got = await runRedis(stores[store], rule, steps, { ...options, prefix: `${options.prefix}.${store}` });
    const difference = firstDifference(model, got);
    if (difference) differences.push({ store, difference });
  }
  return { model, differences };
}
