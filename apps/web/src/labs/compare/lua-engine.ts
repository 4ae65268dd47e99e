import { runScenarioAsync, type Scenario, type SimRedis, type Trace } from '@ratelab/sim';

/**
 * The Lua lane: the project's real Lua scripts on ioredis-mock (fengari) in the page. Loaded only when a learner asks
 * for the lane, so neither ioredis-mock nor the Lua VM costs the playground's first load.
 *
 * ioredis-mock is a Node package. The build maps its four Node imports (events, stream, crypto and ioredis's URL
 * helper) to the small shims beside this file (see vite.config.ts), and two Node globals are provided here, after
 * the import: `process.nextTick` (its connect event) and `Buffer.isBuffer` (its GET, which never sees a Buffer in
 * the labs because every value is written as a string). Defining them after the import keeps fengari from taking
 * its Node-only paths (files, os.execute) when it initialises.
 */
let loaded: Promise<new () => SimRedis & { disconnect(): void }> | undefined;

function load() {
  loaded ??= import('ioredis-mock').then((m) => {
    const g = globalThis as Record<string, unknown>;
    g.process ??= { env: {}, nextTick: (fn: (...a: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args)), hrtime: () => [0, 0] };
    g.Buffer ??= { isBuffer: () => false, from: (v: unknown) => new TextEncoder().encode(String(v)), concat: () => new Uint8Array() };
    return (m.default ?? m) as unknown as new () => SimRedis & { disconnect(): void };
  });
  return loaded;
}

/** Runs a validated scenario through the Lua scripts on a fresh ioredis-mock instance. */
export async function runLua(scenario: Scenario): Promise<Trace> {
  const RedisMock = await load();
  const redis = new RedisMock();
  try {
    return await runScenarioAsync(scenario, { engine: 'lua', redis, prefix: 'labs-compare' });
  } finally {
    redis.disconnect();
  }
}
