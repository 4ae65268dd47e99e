import { mockRedis } from '@ratelab/algorithms/source/test-support/redis.ts';
import { describe, expect, it } from 'vitest';
import { builtinScenario } from './builtins.js';
import type { SimRedis } from './engine/redis-backend.js';
import { runScenario, runScenarioAsync } from './run.js';

const scenario = builtinScenario('gcra-equals-token-bucket')!;

describe('runScenarioAsync', () => {
  it("needs a client for 'lua' and 'redis', and runScenario refuses them", async () => {
    await expect(runScenarioAsync(scenario, { engine: 'lua' })).rejects.toThrow(/needs a Redis client/);
    expect(() => runScenario(scenario, { engine: 'lua' })).toThrow(/runScenarioAsync/);
    expect(await runScenarioAsync(scenario, { engine: 'sim' })).toEqual(runScenario(scenario));
  });

  it('deletes the keys it created when Redis fails mid-run, and reports the Redis failure', async () => {
    const real = mockRedis() as SimRedis;
    let calls = 0;
    const deleted: string[] = [];
    const flaky: SimRedis = {
      evalsha: (...args: unknown[]) => (++calls > 5 ? Promise.reject(new Error('connection lost')) : real.evalsha(...args)),
      eval: (...args: unknown[]) => (++calls > 5 ? Promise.reject(new Error('connection lost')) : real.eval(...args)),
      get: (key) => real.get(key),
      set: (...args: unknown[]) => real.set(...args),
      time: () => real.time(),
      del: async (...keys: string[]) => {
        deleted.push(...keys);
        return real.del(...keys);
      },
    };
    await expect(runScenarioAsync(scenario, { engine: 'lua', redis: flaky, prefix: 'flaky' })).rejects.toThrow(/connection lost/);
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted.every((k) => k.startsWith('rl:{flaky.0:'))).toBe(true);
  });
});
