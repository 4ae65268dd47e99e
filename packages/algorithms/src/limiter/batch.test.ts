// Batching must not change a single decision: every check issued together is decided, in issue order, exactly as
// the pure model decides the same requests one by one. Runs on ioredis-mock and on the real test Redis.
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES } from '../conformance/cases.js';
import { firstDifference, HARNESS_TTL_MS, runModel, type Outcome, type TraceStep } from '../conformance/harness.js';
import { RuleError, type RuleInput } from '../rules.js';
import { mockRedis, realRedis, uniquePrefix } from '../test-support/redis.js';
import { clusterSlot } from './batch-slot.js';
import { createLimiter } from './create-limiter.js';
import type { CheckResult } from './limiter.js';
import { RedisUnavailableError, type RedisLike } from './redis-like.js';

let real: Redis;
beforeAll(() => {
  real = realRedis();
});
afterAll(async () => {
  await real.quit();
});

function outcome(d: CheckResult): Outcome {
  const o: Outcome = { allowed: d.allowed, remaining: d.remaining, retryAfterMs: d.retryAfterMs, resetMs: d.resetMs };
  if (d.delayMs !== undefined) o.delayMs = d.delayMs;
  return o;
}

/**
 * Issues the steps in groups: each group's checks in the same tick (so they share batches), groups one after the
 * other. `groups` lists group sizes; the remainder forms the last group.
 */
async function runBatched(redis: RedisLike, rule: RuleInput, steps: readonly TraceStep[], prefix: string, groups: number[] = [], maxBatch = 128) {
  const limiter = createLimiter(redis, rule, { prefix, keyTtlMs: HARNESS_TTL_MS, batch: { maxBatch } });
  const out: Outcome[] = [];
  let i = 0;
  for (const size of [...groups, steps.length]) {
    const group = steps.slice(i, i + size);
    i += group.length;
    const results = await Promise.all(group.map((s) => limiter.check(s.key ?? 'k', { nowMs: s.t, cost: s.cost ?? 1 })));
    out.push(...results.map(outcome));
    if (i >= steps.length) break;
  }
  return { out, roundTrips: limiter.roundTrips };
}

const atomicCases = CASES.filter((c) => c.rule.algorithm !== 'token-bucket-naive');

describe('batch mode agrees with the pure model', () => {
  for (const store of ['mock', 'real'] as const) {
    it.each(atomicCases.map((c) => [c.name, c] as const))(`conformance case on ${store}: %s`, async (_name, c) => {
      const redis = store === 'mock' ? mockRedis() : (real as unknown as RedisLike);
      // Everything at once (one batch), and in groups of 3 with batches of at most 2 (several batches in flight).
      const all = await runBatched(redis, c.rule, c.steps, uniquePrefix('batch-all'));
      expect(firstDifference(runModel(c.rule, c.steps), all.out)).toBeUndefined();
      expect(all.roundTrips).toBe(1);
      const split = await runBatched(redis, c.rule, c.steps, uniquePrefix('batch-split'), [3, 3, 3], 2);
      expect(firstDifference(runModel(c.rule, c.steps), split.out)).toBeUndefined();
    });
  }

  const T0 = 1_700_000_000_000;
  const ruleArb: fc.Arbitrary<RuleInput> = fc.oneof(
    fc.record({ algorithm: fc.constant('token-bucket' as const), capacity: fc.integer({ min: 1, max: 6 }), refillPerSecond: fc.constantFrom(0.3, 1, 2.5, 10, 333) }),
    fc.record({ algorithm: fc.constant('leaky-bucket' as const), capacity: fc.integer({ min: 1, max: 6 }), leakPerSecond: fc.constantFrom(0.7, 1, 4, 50) }),
    fc.record({ algorithm: fc.constant('fixed-window' as const), limit: fc.integer({ min: 1, max: 6 }), windowMs: fc.constantFrom(7, 100, 333, 1000) }),
    fc.record({ algorithm: fc.constant('sliding-log' as const), limit: fc.integer({ min: 1, max: 6 }), windowMs: fc.constantFrom(7, 100, 333, 1000), countRejected: fc.boolean() }),
    fc.record({ algorithm: fc.constant('sliding-counter' as const), limit: fc.integer({ min: 1, max: 6 }), windowMs: fc.constantFrom(7, 100, 333, 1000) }),
    fc.record({ algorithm: fc.constant('gcra' as const), ratePerSecond: fc.constantFrom(0.3, 2, 3, 10), burst: fc.integer({ min: 1, max: 6 }) }),
  );
  /** Mostly forward time with occasional skew backwards; three keys so batches mix keys; costs up to 6. */
  const traceArb = fc.array(
    fc.record({ dt: fc.integer({ min: -150, max: 400 }), key: fc.constantFrom('a', 'b', 'c:{x}'), cost: fc.integer({ min: 1, max: 6 }) }),
    { minLength: 1, maxLength: 40 },
  );
  const limitOf = (r: RuleInput) => ('capacity' in r ? r.capacity : 'limit' in r ? r.limit : (r as { burst: number }).burst) as number;

  for (const store of ['mock', 'real'] as const) {
    it(`random traces on ${store}, issued in random groups`, async () => {
      const redis = store === 'mock' ? mockRedis() : (real as unknown as RedisLike);
      await fc.assert(
        fc.asyncProperty(ruleArb, traceArb, fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 6 }), fc.integer({ min: 1, max: 8 }), async (rule, trace, groups, maxBatch) => {
          let t = T0 + 1000;
          const steps: TraceStep[] = trace.map((s) => {
            t = Math.max(T0, t + s.dt);
            return { t, key: s.key, cost: Math.min(s.cost, limitOf(rule)) };
          });
          const got = await runBatched(redis, rule, steps, uniquePrefix(`batch-fc-${store}`), groups, maxBatch);
          expect(firstDifference(runModel(rule, steps), got.out)).toBeUndefined();
        }),
        { numRuns: store === 'mock' ? 40 : 150, seed: 7 },
      );
    });
  }
});

describe('batch mode mechanics', () => {
  it('decides checks issued together in one round trip, at most maxBatch per call', async () => {
    const rule = { algorithm: 'token-bucket', capacity: 1000, refillPerSecond: 1 } as const;
    const limiter = createLimiter(real as unknown as RedisLike, rule, { prefix: uniquePrefix('batch-rt'), batch: true });
    const first = await Promise.all(Array.from({ length: 100 }, (_, i) => limiter.check(`k${i % 7}`, { nowMs: 5000 })));
    expect(limiter.roundTrips).toBe(1);
    expect(first.every((d) => d.allowed)).toBe(true);
    await Promise.all(Array.from({ length: 200 }, () => limiter.check('k0', { nowMs: 5000 })));
    expect(limiter.roundTrips).toBe(3); // 128 + 72
    // Redis TIME (no nowMs) is read once per batch: every check of that batch carries the same time.
    const timed = await Promise.all([limiter.check('t1'), limiter.check('t2'), limiter.check('t1')]);
    expect(new Set(timed.map((d) => d.tMs)).size).toBe(1);
    expect(timed.map((d) => d.remaining)).toEqual([999, 999, 998]);
  });

  it('keeps issue order across many small batches while the queue never empties (and is compacted)', async () => {
    const rule = { algorithm: 'token-bucket', capacity: 40, refillPerSecond: 7 } as const;
    const steps = Array.from({ length: 3000 }, (_, i) => ({ key: `k${i % 5}`, t: 1_700_000_000_000 + i * 3 }));
    const limiter = createLimiter(real as unknown as RedisLike, rule, {
      prefix: uniquePrefix('batch-long'),
      keyTtlMs: HARNESS_TTL_MS,
      batch: { maxBatch: 16, maxInFlight: 1 },
    });
    const got = await Promise.all(steps.map((s) => limiter.check(s.key, { nowMs: s.t })));
    expect(firstDifference(runModel(rule, steps), got.map(outcome))).toBeUndefined();
    expect(limiter.roundTrips).toBe(Math.ceil(3000 / 16));
  });

  it('sends one call per Cluster slot, each with keys of that slot only', async () => {
    const calls: string[][] = [];
    const redis = real as unknown as RedisLike;
    // A Cluster stand-in: the real Redis behind it, plus the check a Cluster makes (no script may span slots).
    const cluster: RedisLike & { isCluster: true } = {
      isCluster: true,
      get: (key) => redis.get(key),
      set: (...args) => redis.set(...args),
      time: () => redis.time(),
      eval: (source: string, n: number, ...rest: unknown[]) => record(rest.slice(0, n) as string[], () => redis.eval(source, n, ...rest)),
      evalsha: (sha: string, n: number, ...rest: unknown[]) => record(rest.slice(0, n) as string[], () => redis.evalsha(sha, n, ...rest)),
    };
    function record(keys: string[], run: () => Promise<unknown>) {
      calls.push(keys);
      if (new Set(keys.map(clusterSlot)).size !== 1) return Promise.reject(new Error('CROSSSLOT'));
      return run();
    }
    const rule = { algorithm: 'sliding-log', limit: 2, windowMs: 1000 } as const;
    const steps = ['a', 'b', 'a', 'c', 'b', 'a', 'd', 'c'].map((key, i) => ({ key, t: 10_000 + i }));
    const limiter = createLimiter(cluster, rule, { prefix: uniquePrefix('batch-slot'), batch: true, keyTtlMs: HARNESS_TTL_MS });
    const got = await Promise.all(steps.map((s) => limiter.check(s.key, { nowMs: s.t })));
    expect(firstDifference(runModel(rule, steps), got.map(outcome))).toBeUndefined();
    expect(calls.length).toBe(new Set(steps.map((s) => clusterSlot(limiter.keysFor(s.key)[0] as string))).size);
    expect(calls.length).toBeGreaterThan(1);
  });

  it('rejects every check of a failed call with RedisUnavailableError, and bad input without throwing', async () => {
    const broken: RedisLike = {
      get: async () => null,
      set: async () => 'OK',
      time: async () => ['0', '0'],
      eval: async () => {
        throw new Error('connect ECONNREFUSED');
      },
      evalsha: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    };
    const limiter = createLimiter(broken, { algorithm: 'gcra', ratePerSecond: 1, burst: 1 }, { batch: true });
    const results = await Promise.allSettled([limiter.check('a'), limiter.check('b')]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(RedisUnavailableError);
    }
    // The queue is bounded: past maxQueued a check rejects at once, naming the option.
    const small = createLimiter(broken, { algorithm: 'gcra', ratePerSecond: 1, burst: 1 }, { batch: { maxQueued: 2 } });
    const three = await Promise.allSettled([small.check('a'), small.check('b'), small.check('c')]);
    expect((three[2] as PromiseRejectedResult).reason.message).toMatch(/maxQueued/);
    const bad = limiter.check('', { cost: 1 });
    await expect(bad).rejects.toThrow(/key must not be empty/);
    await expect(limiter.check('a', { cost: 2 })).rejects.toThrow(/cost 2 can never be allowed/);
  });

  it('validates batch options and refuses the naive bucket, naming the option', () => {
    const redis = mockRedis();
    expect(() => createLimiter(redis, { algorithm: 'fixed-window', limit: 1, windowMs: 10 }, { batch: { maxBatch: 0 } })).toThrow(RuleError);
    expect(() => createLimiter(redis, { algorithm: 'fixed-window', limit: 1, windowMs: 10 }, { batch: { maxInFlight: 99 } })).toThrow(/options\.batch\.maxInFlight|maxInFlight/);
    expect(() => createLimiter(redis, { algorithm: 'fixed-window', limit: 1, windowMs: 10 }, { batch: { maxQueued: 0.5 } })).toThrow(/maxQueued/);
    expect(() => createLimiter(redis, { algorithm: 'token-bucket-naive', capacity: 1, refillPerSecond: 1 }, { batch: true })).toThrow(/batching does not apply/);
  });
});
