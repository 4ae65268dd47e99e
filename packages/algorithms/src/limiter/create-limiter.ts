import { systemNowMs } from '../clock.js';
import { SCRIPTS, type LuaScript } from '../lua/scripts.js';
import { costIssue, parseRule, RuleError, type Rule, type RuleInput } from '../rules.js';
import { keyIssue, prefixIssue, redisKeys } from './keys.js';
import type { CheckOptions, CheckResult, Limiter, LimiterOptions } from './limiter.js';
import { createBatchLimiter } from './batch.js';
import { createNaiveLimiter } from './naive-limiter.js';
import { evalScript, RedisUnavailableError, type RedisLike } from './redis-like.js';
import { defaultTtlMs } from './ttl.js';

/** Options validated once; shared by the atomic and the naive limiter. */
export interface ResolvedOptions {
  prefix: string;
  clock: 'redis' | 'app';
  now: () => number;
  keyTtlMs: number;
}

export function resolveOptions(rule: Rule, options: LimiterOptions): ResolvedOptions {
  const prefix = options.prefix ?? 'default';
  const problems = [];
  const prefixProblem = prefixIssue(prefix);
  if (prefixProblem) problems.push({ path: 'options.prefix', message: prefixProblem });
  const clock = options.clock ?? 'redis';
  if (clock !== 'redis' && clock !== 'app') problems.push({ path: 'options.clock', message: "clock must be 'redis' or 'app'" });
  const keyTtlMs = options.keyTtlMs ?? defaultTtlMs(rule);
  if (!Number.isInteger(keyTtlMs) || keyTtlMs < 1)
    problems.push({ path: 'options.keyTtlMs', message: 'keyTtlMs must be a whole number of ms, at least 1' });
  if (problems.length) throw new RuleError(problems);
  return { prefix, clock, now: options.now ?? systemNowMs, keyTtlMs };
}

/** Validates the per-call inputs; throws a RangeError naming the argument (a programming error, not a block). */
export function checkInputs(rule: Rule, key: string, options: CheckOptions): { cost: number; nowMs: number | undefined } {
  const keyProblem = keyIssue(key);
  if (keyProblem) throw new RangeError(keyProblem);
  const cost = options.cost ?? 1;
  const costProblem = costIssue(rule, cost);
  if (costProblem) throw new RangeError(costProblem);
  const nowMs = options.nowMs;
  if (nowMs !== undefined && (!Number.isSafeInteger(nowMs) || nowMs < 0))
    throw new RangeError(`nowMs must be a whole, non-negative number of ms (got ${String(nowMs)})`);
  return { cost, nowMs };
}

/** Turns a script's integer reply into a decision. */
function toResult(reply: unknown, key: string, limit: number, withDelay: boolean): CheckResult {
  if (!Array.isArray(reply) || reply.length < 6) throw new Error(`unexpected script reply: ${JSON.stringify(reply)}`);
  const [allowed, remaining, retryAfterMs, resetMs, delayMs, tMs] = reply.map(Number) as number[];
  const result: CheckResult = {
    allowed: allowed === 1,
    remaining: remaining as number,
    limit,
    retryAfterMs: retryAfterMs as number,
    resetMs: resetMs as number,
    tMs: tMs as number,
    key,
  };
  if (withDelay) result.delayMs = delayMs as number;
  return result;
}

/**
 * A limiter for `rule` on `redis` (ioredis `Redis` or `Cluster`, or ioredis-mock). Every atomic algorithm makes
 * one round trip per decision: EVALSHA of its script, and EVAL only when Redis does not have the script yet.
 * Bad parameters throw a `RuleError` here, naming each one.
 */
export function createLimiter(redis: RedisLike, ruleInput: RuleInput | Rule, options: LimiterOptions = {}): Limiter {
  const rule = parseRule(ruleInput);
  const resolved = resolveOptions(rule, options);
  // Opt-in only: without `batch` every check is its own EVALSHA, exactly as before.
  if (options.batch) return createBatchLimiter(redis, rule, resolved, options.batch);
  if (rule.algorithm === 'token-bucket-naive') return createNaiveLimiter(redis, rule, resolved);
  return createScriptLimiter(redis, rule, SCRIPTS[rule.algorithm], resolved);
}

/**
 * The atomic limiter behind `createLimiter`: one script, one round trip per decision. It takes the script as an
 * argument so the conformance suite can run a deliberately broken copy through exactly the code real limiters
 * use (proving the suite can fail) without any test-only switch in `createLimiter`. Not part of the public index.
 */
export function createScriptLimiter(redis: RedisLike, rule: Rule, script: LuaScript, resolved: ResolvedOptions): Limiter {
  const params = script.params(rule);
  const limit = 'capacity' in rule ? rule.capacity : 'limit' in rule ? rule.limit : rule.burst;
  const withDelay = rule.algorithm === 'leaky-bucket';
  let roundTrips = 0;
  return {
    rule,
    prefix: resolved.prefix,
    get roundTrips() {
      return roundTrips;
    },
    keysFor: (key) => redisKeys(resolved.prefix, key, script.keySuffixes),
    async check(key, checkOptions = {}) {
      const { cost, nowMs } = checkInputs(rule, key, checkOptions);
      const time = nowMs ?? (resolved.clock === 'app' ? resolved.now() : undefined);
      const keys = redisKeys(resolved.prefix, key, script.keySuffixes);
      let reply: unknown;
      try {
        roundTrips += 1;
        reply = await evalScript(redis, script, keys, [time === undefined ? '' : time, cost, resolved.keyTtlMs, ...params]);
      } catch (error) {
        throw new RedisUnavailableError(`${rule.algorithm} script`, error);
      }
      return toResult(reply, key, limit, withDelay);
    },
  };
}
