// The three engines must agree decision for decision on every built-in scenario: the pure models (sim), the real
// Lua scripts on ioredis-mock (lua) and on the throwaway real Redis of this test run (redis).
import { mockRedis, realRedis, uniquePrefix } from '@ratelab/algorithms/source/test-support/redis.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from './builtins.js';
import type { SimRedis } from './engine/redis-backend.js';
import { runScenario, runScenarioAsync } from './run.js';
import { compareTraces } from './trace/compare.js';

const redis = realRedis();
afterAll(async () => {
  await redis.quit();
});

describe.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))('%s', (id, scenario) => {
  const sim = runScenario(scenario);

  it('gives the same trace on the lua engine (ioredis-mock) as on sim', async () => {
    const lua = await runScenarioAsync(scenario, { engine: 'lua', redis: mockRedis() as SimRedis, prefix: uniquePrefix(id) });
    expect(lua.engine).toBe('lua');
    const result = compareTraces(sim, lua);
    expect(result.same ? 'same' : result.first.explanation).toBe('same');
    // State snapshots and explanations are derived from the same decisions, so the whole trace matches.
    expect(JSON.stringify({ ...lua, engine: 'sim' })).toBe(JSON.stringify(sim));
  });

  it('gives the same trace on a real Redis and leaves no keys behind', async () => {
    const prefix = uniquePrefix(id);
    const real = await runScenarioAsync(scenario, { engine: 'redis', redis: redis as unknown as SimRedis, prefix });
    const result = compareTraces(sim, real);
    expect(result.same ? 'same' : result.first.explanation).toBe('same');
    expect(await redis.keys(`*${prefix}*`)).toEqual([]);
  });
});

describe('compareTraces', () => {
  it('finds and explains the first differing decision', () => {
    const scenario = BUILTIN_SCENARIOS[0]!;
    const a = runScenario(scenario);
    const b = structuredClone(a);
    b.engine = 'lua';
    const d = b.limiters[1]!.decisions[3]!;
    d.allowed = !d.allowed;
    const result = compareTraces(a, b);
    expect(result.same).toBe(false);
    if (result.same) return;
    expect(result.first).toMatchObject({ limiter: a.limiters[1]!.id, index: 3, field: 'allowed', a: !d.allowed, b: d.allowed });
    expect(result.first.explanation).toMatch(/sim vs lua: limiter "log" decision #3 .*allowed is (true|false) on sim but (true|false) on lua/);
    b.limiters[1]!.decisions.pop();
    d.allowed = !d.allowed;
    expect(compareTraces(a, b)).toMatchObject({ same: false, first: { field: 'decisions.length' } });
  });
});
