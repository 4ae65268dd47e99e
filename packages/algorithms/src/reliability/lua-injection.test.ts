// Nothing a client supplies is ever code: the limiter sends only its constant scripts (by SHA, or by text on
// NOSCRIPT), the client key travels only inside KEYS, exactly as redisKeys() builds it, and a key that breaks the
// length or charset limits is refused before any Redis call. Fuzzed with fast-check against the real test Redis,
// on a database of its own, which afterwards holds nothing outside the limiter's namespace.
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFigures } from '../../../../scripts/lib/reliability-figures.mjs';
import { batchScriptFor } from '../limiter/batch-script.js';
import { createLimiter } from '../limiter/create-limiter.js';
import { keyIssue, MAX_KEY_LENGTH, redisKeys } from '../limiter/keys.js';
import type { RedisLike } from '../limiter/redis-like.js';
import { SCRIPTS } from '../lua/scripts.js';
import type { RuleInput } from '../rules.js';
import { testRedisUrl } from '../test-support/redis.js';

const DB = 12;
const PREFIX = 'inj';
const RULES: RuleInput[] = [
  { algorithm: 'token-bucket', capacity: 3, refillPerSecond: 1 },
  { algorithm: 'leaky-bucket', capacity: 3, leakPerSecond: 1 },
  { algorithm: 'fixed-window', limit: 3, windowMs: 1000 },
  { algorithm: 'sliding-log', limit: 3, windowMs: 1000 },
  { algorithm: 'sliding-counter', limit: 3, windowMs: 1000 },
  { algorithm: 'gcra', ratePerSecond: 1, burst: 3 },
];
const LUA_LOOKING = [`"); redis.call('FLUSHALL') --`, "]] redis.call('SET','pwned','1') --[[", 'KEYS[1]', '{tag}:}{:{', '}', '{', "' .. redis.call('DEL', KEYS[1]) .. '", 'ключ-🔑'];

let redis: Redis;
const calls: { cmd: string; args: unknown[] }[] = [];
let refused = 0;
let checked = 0;
beforeAll(async () => {
  redis = new Redis(`${testRedisUrl()}/${DB}`, { maxRetriesPerRequest: 1 });
  await redis.flushdb();
  await redis.set('canary', 'alive');
});
afterAll(async () => {
  await redis.flushdb();
  await redis.quit();
});

/** The real client, with every scripted call recorded. */
const recording: RedisLike = {
  evalsha: (...args: unknown[]) => (calls.push({ cmd: 'evalsha', args }), (redis.evalsha as (...a: unknown[]) => Promise<unknown>)(...args)),
  eval: (...args: unknown[]) => (calls.push({ cmd: 'eval', args }), (redis.eval as (...a: unknown[]) => Promise<unknown>)(...args)),
  get: (k: string) => (calls.push({ cmd: 'get', args: [k] }), redis.get(k)),
  set: (...args: unknown[]) => (calls.push({ cmd: 'set', args }), (redis.set as (...a: unknown[]) => Promise<unknown>)(...args)),
  time: () => redis.time(),
};

describe('client keys never become Lua', () => {
  it('any key: refused before Redis if it breaks the limits, otherwise only in KEYS, with a constant script', async () => {
    const allowedScripts = new Set<string>();
    for (const s of Object.values(SCRIPTS)) {
      allowedScripts.add(s.sha).add(s.source);
      const b = batchScriptFor(s);
      allowedScripts.add(b.sha).add(b.source);
    }
    const key = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...LUA_LOOKING), fc.string({ minLength: MAX_KEY_LENGTH - 2, maxLength: MAX_KEY_LENGTH + 2 }));
    await fc.assert(
      fc.asyncProperty(key, fc.nat({ max: RULES.length - 1 }), fc.boolean(), async (k, r, batch) => {
        const rule = RULES[r] as RuleInput;
        const limiter = createLimiter(recording, rule, { prefix: PREFIX, batch });
        const before = calls.length;
        if (keyIssue(k)) {
          await expect(limiter.check(k, { nowMs: 1000 })).rejects.toThrow(RangeError);
          expect(calls.length).toBe(before);
          refused += 1;
          return;
        }
        await limiter.check(k, { nowMs: 1000 });
        checked += 1;
        const mine = calls.slice(before);
        expect(mine.length).toBeGreaterThan(0);
        for (const call of mine) {
          const [script, n, ...rest] = call.args.map(String);
          expect(allowedScripts.has(script as string)).toBe(true);
          const keys = rest.slice(0, Number(n));
          expect(keys).toEqual(redisKeys(PREFIX, k, SCRIPTS[rule.algorithm as keyof typeof SCRIPTS].keySuffixes));
          // ARGV carries numbers only (time, cost, TTL, parameters): the key is never among them.
          if (!/^[\d.]+$/.test(k)) expect(rest.slice(Number(n))).not.toContain(k);
        }
      }),
      { numRuns: 600, seed: 8 },
    );
    // Nothing outside the limiter's namespace was created or removed.
    const all = await redis.keys('*');
    expect(await redis.get('canary')).toBe('alive');
    expect(await redis.exists('pwned')).toBe(0);
    expect(all.filter((x) => x !== 'canary' && !x.startsWith(`rl:{${PREFIX}:`))).toEqual([]);
    writeFigures('algorithms-lua-injection', {
      keysTried: refused + checked,
      refusedBeforeRedis: refused,
      checkedOnRedis: checked,
      scriptedCalls: calls.length,
      distinctScripts: new Set(calls.map((c) => String(c.args[0]))).size,
      keysInDatabase: all.length,
    });
  });
});
