// The seed article's bug, reproduced on purpose: the naive token bucket reads and writes in separate round trips,
// so two clients that both read before either writes spend the same token. The atomic script cannot.
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { RuleInput } from '../rules.js';
import { mockRedis, realRedis, testRedisUrl, uniquePrefix } from '../test-support/redis.js';
import { createLimiter } from './create-limiter.js';
import type { NaiveLimiter } from './naive-limiter.js';
import type { RedisLike } from './redis-like.js';

// A refill this slow adds nothing during a test, so every admission beyond the capacity is a double spend.
const naiveRule = (capacity: number): RuleInput => ({ algorithm: 'token-bucket-naive', capacity, refillPerSecond: 0.001 });
const atomicRule = (capacity: number): RuleInput => ({ algorithm: 'token-bucket', capacity, refillPerSecond: 0.001 });
const T = 1_000_000;

describe('two clients interleaving read / read / write / write (capacity 1)', () => {
  for (const store of ['mock', 'real'] as const) {
    it(`${store} Redis: the naive bucket admits both; the atomic bucket admits one`, async () => {
      const real = store === 'real' ? realRedis() : undefined;
      const redis: RedisLike = real ?? mockRedis();
      try {
        const prefix = uniquePrefix('race');
        // Two replicas of one service: two limiters, same rule and prefix, one Redis.
        const a = createLimiter(redis, naiveRule(1), { prefix }) as NaiveLimiter;
        const b = createLimiter(redis, naiveRule(1), { prefix }) as NaiveLimiter;
        const seenA = await a.read('user');
        const seenB = await b.read('user');
        const da = a.decide(seenA, T);
        const db = b.decide(seenB, T);
        await a.write('user', da.state);
        await b.write('user', db.state);
        expect([da.decision.allowed, db.decision.allowed]).toEqual([true, true]);
        // The token really was spent twice: the stored count says 0 left, not -1.
        expect((await a.read('user'))?.tokens).toBe(0);

        const atomic = createLimiter(redis, atomicRule(1), { prefix: `${prefix}.atomic` });
        const both = await Promise.all([atomic.check('user', { nowMs: T }), atomic.check('user', { nowMs: T })]);
        expect(both.map((d) => d.allowed).sort()).toEqual([false, true]);
      } finally {
        await real?.quit();
      }
    });
  }
});

describe('many concurrent check() calls on one key through several connections (real Redis)', () => {
  const CAPACITY = 5;
  const REQUESTS = 40;
  const CONNECTIONS = 4;
  const TRIALS = 5;

  async function trial(rule: RuleInput, connections: Redis[]): Promise<number> {
    const prefix = uniquePrefix('burst');
    const limiters = connections.map((c) => createLimiter(c, rule, { prefix }));
    const decisions = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) => (limiters[i % limiters.length] as (typeof limiters)[number]).check('hot', { nowMs: T })),
    );
    return decisions.filter((d) => d.allowed).length;
  }

  it(`naive over-admits (> ${CAPACITY}) in at least one of ${TRIALS} trials; atomic admits exactly ${CAPACITY} every trial`, async () => {
    const connections = Array.from({ length: CONNECTIONS }, () => new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 }));
    try {
      await Promise.all(connections.map((c) => c.ping()));
      const naive: number[] = [];
      const atomic: number[] = [];
      for (let i = 0; i < TRIALS; i += 1) {
        naive.push(await trial(naiveRule(CAPACITY), connections));
        atomic.push(await trial(atomicRule(CAPACITY), connections));
      }
      console.info(`capacity ${CAPACITY}, ${REQUESTS} concurrent checks over ${CONNECTIONS} connections: naive admitted [${naive.join(', ')}], atomic [${atomic.join(', ')}]`);
      expect(Math.max(...naive)).toBeGreaterThan(CAPACITY);
      expect(atomic).toEqual(Array.from({ length: TRIALS }, () => CAPACITY));
    } finally {
      await Promise.all(connections.map((c) => c.quit()));
    }
  });
});
