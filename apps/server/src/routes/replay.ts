import { Hono } from 'hono';
import { RedisUnavailableError } from '@ratelab/algorithms';
import { parseScenario, type SimRedis } from '@ratelab/sim';
import type { AppContext } from '../app-context.js';
import { HttpError } from '../errors/http-error.js';
import { readJson } from '../errors/read-json.js';
import { labGuards } from '../lab/lab-guard.js';
import { replayOnStore, ReplayTimeoutError, ReplayTooLargeError } from '../lab/replay.js';

/** POST /v1/replay: a scenario (format 1) replayed on this server's store; answers its trace. */
export function replayRoutes(ctx: AppContext): Hono {
  const r = new Hono();
  const [limited, bounded] = labGuards(ctx);
  r.post('/v1/replay', limited, bounded, async (c) => {
    const parsed = parseScenario(await readJson(c));
    if (!parsed.ok) throw new HttpError(400, 'invalid_scenario', 'the scenario is not valid: fix the fields listed in issues', parsed.issues);
    try {
      const result = await replayOnStore(parsed.scenario, ctx.redis as unknown as SimRedis, {
        // The embedded store is ioredis-mock, which is what the simulator calls its 'lua' engine.
        engine: ctx.handle.kind === 'embedded' ? 'lua' : 'redis',
        maxDecisions: ctx.labs.maxReplayDecisions,
        budgetMs: ctx.labs.timeBudgetMs,
        now: () => Date.now(),
        perKeyDel: ctx.handle.kind === 'cluster',
      });
      return c.json({
        ...result.trace,
        replay: {
          store: ctx.handle.kind,
          namespace: result.namespace,
          durationMs: result.durationMs,
          matchesSim: result.comparison.same,
          ...(result.comparison.same ? {} : { firstDifference: result.comparison.first }),
        },
      });
    } catch (error) {
      if (error instanceof ReplayTooLargeError) throw new HttpError(413, 'replay_too_large', error.message);
      if (error instanceof ReplayTimeoutError) throw new HttpError(422, 'replay_too_slow', error.message);
      if (error instanceof RedisUnavailableError || (error instanceof Error && /Redis|ECONN|timed out|Connection|writeable/i.test(error.message))) {
        throw new HttpError(503, 'redis_unavailable', `the replay needs the store and it failed: ${error.message}; retry when /healthz shows redis "up"`);
      }
      throw error;
    }
  });
  return r;
}
