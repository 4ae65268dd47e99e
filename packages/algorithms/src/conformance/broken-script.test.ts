// Proves the conformance harness can fail: deliberately broken copies of the sliding-log script, made by string
// replacement of the real one, run through the same atomic limiter code and the same comparison, must be caught.
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha1Hex } from '../limiter/sha1.js';
import { SCRIPTS, type LuaScript } from '../lua/scripts.js';
import { mockRedis, realRedis, uniquePrefix } from '../test-support/redis.js';
import { CASES } from './cases.js';
import { compareOnStores, type Stores } from './harness.js';

/** The shipped sliding-log script with one exact substring replaced (the replacement must apply exactly once). */
function brokenSlidingLog(find: string, replace: string): LuaScript {
  const real = SCRIPTS['sliding-log'];
  expect(real.source.split(find).length - 1, `"${find}" occurs once in the script`).toBe(1);
  const source = real.source.replace(find, replace);
  return { ...real, source, sha: sha1Hex(source) };
}

const BREAKS = [
  // Off by one at the window edge: entries exactly windowMs old stay in the window (the interval becomes [t - w, t]).
  { name: 'window edge off by one', script: () => brokenSlidingLog("local edge = now - size", 'local edge = now - size - 1') },
  // Off by one in the limit comparison: admits one more than the limit.
  { name: 'limit comparison off by one', script: () => brokenSlidingLog('local allowed = logged + cost <= limit', 'local allowed = logged + cost <= limit + 1') },
];

let real: Redis;
let stores: Stores;
beforeAll(() => {
  real = realRedis();
  stores = { mock: mockRedis(), real };
});
afterAll(async () => {
  await real.quit();
});

describe('the conformance suite can fail', () => {
  const logCases = CASES.filter((c) => c.rule.algorithm === 'sliding-log');

  it('the real sliding-log script passes the same cases (control)', async () => {
    for (const c of logCases) {
      const { differences } = await compareOnStores(c.rule, c.steps, stores, { prefix: uniquePrefix('control') });
      expect(differences, c.name).toEqual([]);
    }
  });

  for (const broken of BREAKS) {
    it(`a broken script (${broken.name}) is reported as different on both stores`, async () => {
      const script = broken.script();
      const caught = new Set<string>();
      for (const c of logCases) {
        const { differences } = await compareOnStores(c.rule, c.steps, stores, { prefix: uniquePrefix('broken'), script });
        for (const d of differences) caught.add(d.store);
      }
      expect([...caught].sort()).toEqual(['mock', 'real']);
    });
  }
});
