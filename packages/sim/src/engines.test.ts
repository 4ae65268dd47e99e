// The three engines must agree decision for decision on every built-in scenario: the pure models (sim), the real
// Lua scripts on ioredis-mock (lua) and on the throwaway real Redis of this test run (redis). The check runs through
// the replay CLI's own `--compare sim,lua,redis`, exactly as a user would run it.
import { mockRedis, realRedis, testRedisUrl, uniquePrefix } from '@ratelab/algorithms/source/test-support/redis.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, builtinScenario } from './builtins.js';
import { main, type CliIo } from './cli/main.js';
import type { SimRedis } from './engine/redis-backend.js';
import { runScenario, runScenarioAsync } from './run.js';
import { compareTraces } from './trace/compare.js';

const redis = realRedis();
afterAll(async () => {
  await redis.quit();
});

async function replay(argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    redisUrlFromEnv: testRedisUrl(),
    connect: async (engine) =>
      engine === 'lua'
        ? Object.assign(mockRedis() as SimRedis, { quit: async () => 'OK' })
        : (realRedis() as unknown as SimRedis & { quit(): Promise<unknown> }),
  };
  return { code: await main(argv, io), out, err };
}

describe.each(BUILTIN_SCENARIOS.map((s) => [s.id] as const))('%s', (id) => {
  it('--compare sim,lua,redis finds no difference, and the redis run leaves no keys behind', async () => {
    const r = await replay([id, '--compare', 'sim,lua,redis', '--json']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ same: true, engines: ['sim', 'lua', 'redis'] });
    expect(r.code).toBe(0);
    expect(await redis.keys(`rl:{replay-${process.pid}-*`)).toEqual([]);
  });
});

describe('engine traces', () => {
  it.each(['replicas-race', 'redis-outage-breaker'])('%s: the lua trace equals the sim trace byte for byte (engine name aside)', async (id) => {
    const scenario = builtinScenario(id)!;
    const sim = runScenario(scenario);
    const lua = await runScenarioAsync(scenario, { engine: 'lua', redis: mockRedis() as SimRedis, prefix: uniquePrefix(id) });
    expect(lua.engine).toBe('lua');
    expect(JSON.stringify({ ...lua, engine: 'sim' })).toBe(JSON.stringify(sim));
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
