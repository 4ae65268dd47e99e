import { describe, expect, it } from 'vitest';
import RedisMock from 'ioredis-mock';
import type { RedisLike } from '@ratelab/algorithms';
import { Breaker } from '../resilience/breaker.js';
import type { LiveRule } from '../rules/live-rule.js';
import { LiveLimiter } from './live-limiter.js';
import { scaleRule } from './scale-rule.js';

/** A Redis whose every command fails, counting the calls made to it. */
function downRedis() {
  const calls = { n: 0 };
  const fail = async () => {
    calls.n += 1;
    throw new Error('connect ECONNREFUSED');
  };
  return { calls, redis: { evalsha: fail, eval: fail, get: fail, set: fail, time: fail } as unknown as RedisLike };
}

const bucket = (onRedisDown: LiveRule['onRedisDown']): LiveRule => ({ id: 'r', algorithm: 'token-bucket', capacity: 4, refillPerSecond: 1, onRedisDown });

describe('LiveLimiter', () => {
  it('decides on Redis when it is there', async () => {
    const live = new LiveLimiter({ redis: new RedisMock() as unknown as RedisLike });
    const d = await live.decide(bucket('deny'), 'k');
    expect(d).toMatchObject({ allowed: true, remaining: 3, limit: 4, source: 'redis' });
  });

  it('honours allow and deny when Redis fails, with a reason and never an exception', async () => {
    const { redis } = downRedis();
    const live = new LiveLimiter({ redis, denyRetryMs: 1500 });
    expect(await live.decide(bucket('allow'), 'k')).toMatchObject({ allowed: true, source: 'allow' });
    const denied = await live.decide(bucket('deny'), 'k');
    expect(denied).toMatchObject({ allowed: false, source: 'deny', retryAfterMs: 1500, remaining: 0 });
    expect(denied.reason).toMatch(/ECONNREFUSED/);
  });

  it('local-fallback enforces the rule in memory, divided by the live processes', async () => {
    const { redis } = downRedis();
    let processes = 1;
    const live = new LiveLimiter({ redis, processes: () => processes, now: () => 1000 });
    const alone = [];
    for (let i = 0; i < 5; i += 1) alone.push((await live.decide(bucket('local-fallback'), 'a')).allowed);
    expect(alone).toEqual([true, true, true, true, false]);
    processes = 2;
    const shared = [];
    for (let i = 0; i < 3; i += 1) shared.push((await live.decide(bucket('local-fallback'), 'b')).allowed);
    expect(shared).toEqual([true, true, false]);
  });

  it('stops calling Redis once the breaker opens, and reports the breaker as the reason', async () => {
    const { redis, calls } = downRedis();
    const breaker = new Breaker({ failureThreshold: 3, openMs: 60_000, halfOpenProbes: 1 });
    const live = new LiveLimiter({ redis, breaker });
    for (let i = 0; i < 3; i += 1) await live.decide(bucket('deny'), 'k');
    expect(breaker.state).toBe('open');
    expect(calls.n).toBe(3);
    const d = await live.decide(bucket('deny'), 'k');
    expect(calls.n).toBe(3);
    expect(d.reason).toMatch(/breaker is open/);
    expect(d.retryAfterMs).toBeGreaterThan(50_000);
    breaker.stop();
  });

  it('a half-open breaker lets one probe through and closes on its success', async () => {
    const breaker = new Breaker({ failureThreshold: 1, openMs: 30, halfOpenProbes: 1 });
    const mock = new RedisMock() as unknown as RedisLike;
    let failing = true;
    const redis = new Proxy(mock, {
      get(target, prop) {
        const v = Reflect.get(target, prop) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => (failing ? Promise.reject(new Error('down')) : (v as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
    const live = new LiveLimiter({ redis, breaker });
    await live.decide(bucket('deny'), 'k');
    expect(breaker.state).toBe('open');
    failing = false;
    await new Promise((r) => setTimeout(r, 60));
    expect(breaker.state).toBe('half-open');
    const probe = await live.decide(bucket('deny'), 'k');
    expect(probe.source).toBe('redis');
    expect(breaker.state).toBe('closed');
    breaker.stop();
  });

  it('refuses bad keys and costs as RangeError (the routes turn them into 400s)', async () => {
    const live = new LiveLimiter({ redis: new RedisMock() as unknown as RedisLike });
    await expect(live.decide(bucket('deny'), '')).rejects.toThrow(RangeError);
    await expect(live.decide(bucket('deny'), 'k', 5)).rejects.toThrow(/cost 5 can never be allowed/);
    await expect(live.decide({ id: 'n', algorithm: 'token-bucket-naive', capacity: 4, refillPerSecond: 1, onRedisDown: 'deny' }, 'k')).rejects.toThrow(/never used for live traffic/);
  });
});

describe('scaleRule', () => {
  it('divides limits and rates by the process count, never below 1 unit', () => {
    expect(scaleRule({ algorithm: 'token-bucket', capacity: 10, refillPerSecond: 4 }, 3)).toEqual({ algorithm: 'token-bucket', capacity: 3, refillPerSecond: 4 / 3 });
    expect(scaleRule({ algorithm: 'fixed-window', limit: 2, windowMs: 1000 }, 5)).toEqual({ algorithm: 'fixed-window', limit: 1, windowMs: 1000 });
    expect(scaleRule({ algorithm: 'gcra', ratePerSecond: 10, burst: 10 }, 2)).toEqual({ algorithm: 'gcra', ratePerSecond: 5, burst: 5 });
    expect(scaleRule({ algorithm: 'leaky-bucket', capacity: 8, leakPerSecond: 2 }, 1)).toEqual({ algorithm: 'leaky-bucket', capacity: 8, leakPerSecond: 2 });
  });
});
