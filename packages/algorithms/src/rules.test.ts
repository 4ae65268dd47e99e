import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter/create-limiter.js';
import { MAX_KEY_LENGTH } from './limiter/keys.js';
import { MemoryLimiter } from './memory-limiter.js';
import { costIssue, parseRule, RuleError } from './rules.js';
import { mockRedis } from './test-support/redis.js';

/** Runs `f`, expects a RuleError, and returns its message and issue paths. */
function ruleErrorOf(f: () => unknown): { message: string; paths: string[] } {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(RuleError);
    const e = error as RuleError;
    return { message: e.message, paths: e.issues.map((i) => i.path) };
  }
  throw new Error('expected a RuleError, nothing was thrown');
}

describe('bad rule parameters fail at createLimiter / parseRule, naming the parameter', () => {
  const bad: [string, Record<string, unknown>, string][] = [
    ['capacity 0', { algorithm: 'token-bucket', capacity: 0, refillPerSecond: 1 }, 'capacity'],
    ['fractional capacity', { algorithm: 'token-bucket', capacity: 1.5, refillPerSecond: 1 }, 'capacity'],
    ['negative rate', { algorithm: 'token-bucket', capacity: 1, refillPerSecond: -1 }, 'refillPerSecond'],
    ['rate as a string', { algorithm: 'leaky-bucket', capacity: 1, leakPerSecond: '2' }, 'leakPerSecond'],
    ['fractional windowMs', { algorithm: 'fixed-window', limit: 1, windowMs: 1.5 }, 'windowMs'],
    ['missing limit', { algorithm: 'sliding-counter', windowMs: 1000 }, 'limit'],
    ['countRejected not boolean', { algorithm: 'sliding-log', limit: 1, windowMs: 10, countRejected: 'yes' }, 'countRejected'],
    ['burst 0', { algorithm: 'gcra', ratePerSecond: 1, burst: 0 }, 'burst'],
    ['rate 0', { algorithm: 'gcra', ratePerSecond: 0, burst: 1 }, 'ratePerSecond'],
    ['unknown parameter', { algorithm: 'gcra', ratePerSecond: 1, burst: 1, capacity: 3 }, 'capacity'],
    ['unknown algorithm', { algorithm: 'token_bucket', capacity: 1, refillPerSecond: 1 }, 'algorithm'],
  ];
  for (const [name, rule, param] of bad) {
    it(`${name} → RuleError naming ${param}`, () => {
      for (const f of [() => parseRule(rule), () => createLimiter(mockRedis(), rule as never)]) {
        const { message, paths } = ruleErrorOf(f);
        expect(message).toContain(param);
        expect(paths).toContain(param);
      }
    });
  }

  it('bad limiter options name the option', () => {
    const rule = { algorithm: 'fixed-window', limit: 1, windowMs: 10 } as const;
    expect(ruleErrorOf(() => createLimiter(mockRedis(), rule, { prefix: 'has{brace}' })).paths).toEqual(['options.prefix']);
    expect(ruleErrorOf(() => createLimiter(mockRedis(), rule, { keyTtlMs: 0 })).paths).toEqual(['options.keyTtlMs']);
  });
});

describe('costs', () => {
  const rule = parseRule({ algorithm: 'token-bucket', capacity: 3, refillPerSecond: 1 });
  it('a cost above the capacity can never be allowed: rejected, naming the capacity', () => {
    expect(costIssue(rule, 4)).toMatch(/cost 4 can never be allowed.*capacity of 3/);
    expect(costIssue(parseRule({ algorithm: 'gcra', ratePerSecond: 1, burst: 2 }), 3)).toMatch(/burst of 2/);
    expect(costIssue(rule, 0)).toMatch(/cost must be a whole number/);
    expect(costIssue(rule, 1.5)).toMatch(/cost must be a whole number/);
    expect(costIssue(rule, 3)).toBeUndefined();
    expect(() => new MemoryLimiter(rule).check('k', 0, 4)).toThrow(/capacity of 3/);
  });
  it('check() rejects a cost above capacity, and resolves (never throws) for a blocked request', async () => {
    const limiter = createLimiter(mockRedis(), rule, { prefix: 'costs' });
    await expect(limiter.check('k', { cost: 4, nowMs: 0 })).rejects.toThrow(/cost 4 can never be allowed/);
    await expect(limiter.check('k', { cost: 3, nowMs: 0 })).resolves.toMatchObject({ allowed: true, remaining: 0 });
    await expect(limiter.check('k', { cost: 1, nowMs: 0 })).resolves.toMatchObject({ allowed: false, retryAfterMs: 1000 });
  });
});

describe('keys', () => {
  const limiter = createLimiter(mockRedis(), { algorithm: 'sliding-log', limit: 1, windowMs: 10 }, { prefix: 'api' });
  it('are namespaced and hash-tagged: rl:{prefix:key}:suffix, one tag for every key of a decision', () => {
    expect(limiter.keysFor('user:42')).toEqual(['rl:{api:user:42}:log2', 'rl:{api:user:42}:meta2']);
    // A client key with braces cannot change the tag: Redis hashes up to the first '}' after the first '{'.
    const keys = limiter.keysFor('a}b{c');
    const tags = keys.map((k) => k.slice(k.indexOf('{') + 1, k.indexOf('}')));
    expect(new Set(tags)).toEqual(new Set(['api:a']));
  });
  it('are length- and charset-limited before anything reaches Redis', async () => {
    await expect(limiter.check('x'.repeat(MAX_KEY_LENGTH + 1), { nowMs: 0 })).rejects.toThrow(/at most 256 characters/);
    await expect(limiter.check('', { nowMs: 0 })).rejects.toThrow(/must not be empty/);
    await expect(limiter.check('a\nb', { nowMs: 0 })).rejects.toThrow(/control characters/);
    await expect(limiter.check('x'.repeat(MAX_KEY_LENGTH), { nowMs: 0 })).resolves.toMatchObject({ allowed: true });
  });
  it('nowMs must be a whole, non-negative number of ms', async () => {
    await expect(limiter.check('k', { nowMs: -1 })).rejects.toThrow(/nowMs must be/);
    await expect(limiter.check('k', { nowMs: 1.5 })).rejects.toThrow(/nowMs must be/);
  });
});
