// The conformance suite: the table of CASES and random traces, each on the pure model, the Lua on ioredis-mock and
// the Lua on the real throwaway redis-server. All three must return identical decisions, field for field.
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALGORITHMS } from '../rules.js';
import { anyRuleArb, ruleArb, traceArb } from '../test-support/arbitraries.js';
import { mockRedis, realRedis, uniquePrefix } from '../test-support/redis.js';
import { CASES } from './cases.js';
import { compareOnStores, type Stores } from './harness.js';

let real: Redis;
let stores: Stores;
beforeAll(() => {
  real = realRedis();
  stores = { mock: mockRedis(), real };
});
afterAll(async () => {
  await real.quit();
});

describe('conformance table: model = Lua on ioredis-mock = Lua on real Redis', () => {
  it('covers all seven algorithms, both countRejected settings, skew and costs above 1', () => {
    const algorithms = new Set(CASES.map((c) => c.rule.algorithm));
    expect([...algorithms].sort()).toEqual([...ALGORITHMS].sort());
    const logs = CASES.filter((c) => c.rule.algorithm === 'sliding-log').map((c) => ('countRejected' in c.rule ? c.rule.countRejected : false));
    expect(new Set(logs)).toEqual(new Set([true, false]));
    for (const algorithm of ALGORITHMS) {
      const mine = CASES.filter((c) => c.rule.algorithm === algorithm);
      expect(mine.some((c) => c.steps.some((s, i) => i > 0 && s.t < (c.steps[i - 1]?.t ?? 0))), `${algorithm} skew`).toBe(true);
      expect(mine.some((c) => c.steps.some((s) => (s.cost ?? 1) > 1)), `${algorithm} cost > 1`).toBe(true);
    }
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const { model, differences } = await compareOnStores(c.rule, c.steps, stores, { prefix: uniquePrefix('conf') });
      expect(differences).toEqual([]);
      // A table whose every request is allowed (or blocked) would test little: each case must show both.
      expect(new Set(model.map((o) => o.allowed)), 'case exercises allowed and blocked').toEqual(new Set([true, false]));
    });
  }
});

describe('conformance on random traces (fast-check)', () => {
  // Sizes are bounded for time: ioredis-mock builds a Lua state per EVAL (a few ms each), so 7 x 12 runs of up to
  // 12 requests is about a thousand mock EVALs. The pure-model properties elsewhere run far more cases.
  for (const algorithm of ALGORITHMS) {
    it(`${algorithm}: random single-key traces agree on all three stores`, async () => {
      await fc.assert(
        fc.asyncProperty(
          ruleArb(algorithm).chain((rule) => traceArb(rule, 12).map((steps) => ({ rule, steps }))),
          async ({ rule, steps }) => {
            const { differences } = await compareOnStores(rule, steps, stores, { prefix: uniquePrefix('prop') });
            expect(differences).toEqual([]);
          },
        ),
        { numRuns: 12 },
      );
    });
  }

  it('random two-key traces of any algorithm agree on all three stores', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyRuleArb.chain((rule) => traceArb(rule, 10, ['a', 'b']).map((steps) => ({ rule, steps }))),
        async ({ rule, steps }) => {
          const { differences } = await compareOnStores(rule, steps, stores, { prefix: uniquePrefix('prop2') });
          expect(differences).toEqual([]);
        },
      ),
      { numRuns: 10 },
    );
  });
});
