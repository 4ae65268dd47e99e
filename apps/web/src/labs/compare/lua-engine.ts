import { runScenarioAsync, type Scenario, type SimRedis, type Trace } from '@ratelab/sim';

/**
 * The Lua lane: the project's real Lua scripts on ioredis-mock (fengari) in the page. Loaded only when a learner asks
 * for the lane, so neither ioredis-mock nor the Lua VM costs the playground's first load.
 *
 * ioredis-mock is a Node package. The build maps its four Node imports (events, stream, crypto and ioredis's URL
 * helper) to the small shims in ./shims and gives its file two local stand-ins for Node globals (see
 * vite.config.ts): `process.nextTick` (its connect event) and `Buffer.isBuffer` (its GET, which never sees a Buffer
 * here because every value is written as a string). No global is defined, so fengari keeps its browser paths.
 */
let loaded: Promise<new () => SimRedis & { disconnect(): void }> | undefined;

function load() {
  // The package's own browser bundle (its "browser" field) calls require('fs') when it loads, which fails in an ES
  // module build, so the Node build is imported by path and adapted as described above.
  // @ts-expect-error -- the Node build's path has no type declarations; the instance is used through SimRedis only.
  loaded ??= import('ioredis-mock/lib/index.js').then((m: { default?: unknown }) => (m.default ?? m) as new () => SimRedis & { disconnect(): void });
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
