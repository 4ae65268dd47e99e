import { Hono } from 'hono';
import { ALGORITHMS, parseRule, RuleError, type RedisLike } from '@ratelab/algorithms';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { HttpError } from '../errors/http-error.js';
import { readJson, validate } from '../errors/read-json.js';
import { labGuards } from '../lab/lab-guard.js';
import { runRace } from '../lab/race.js';
import { closeConnection, openConnection, type ServerRedis } from '../redis/connect.js';
import { timed } from '../redis/timed.js';

/** Per-call bound on race connections: a trial's requests queue behind each other on one connection. */
const RACE_CALL_TIMEOUT_MS = 5000;

/** POST /v1/race: the concurrency lab on this server's store, through dedicated connections. */
export function raceRoutes(ctx: AppContext): Hono {
  const r = new Hono();
  const L = ctx.labs;
  const schema = z.strictObject({
    algorithm: z.enum(ALGORITHMS, { error: `algorithm must be one of ${ALGORITHMS.join(', ')}` }),
    params: z.record(z.string(), z.unknown(), { error: 'params must be an object of the algorithm parameters, e.g. {"capacity":10,"refillPerSecond":1}' }),
    replicas: z.number().int().min(1).max(L.maxRaceReplicas, { error: `replicas must be at most ${L.maxRaceReplicas}` }),
    requests: z.number().int().min(1).max(L.maxRaceRequests, { error: `requests must be at most ${L.maxRaceRequests}` }),
    trials: z.number().int().min(1).max(L.maxRaceTrials, { error: `trials must be at most ${L.maxRaceTrials}` }),
  });
  const [limited, bounded] = labGuards(ctx);
  r.post('/v1/race', limited, bounded, async (c) => {
    const body = validate(schema, await readJson(c), 'the race request');
    let rule;
    try {
      rule = parseRule({ ...body.params, algorithm: body.algorithm });
    } catch (error) {
      if (error instanceof RuleError) {
        const issues = error.issues.map((i) => ({ path: i.path === 'algorithm' ? 'algorithm' : `params.${i.path}`, message: i.message }));
        throw new HttpError(400, 'invalid_rule', 'the race parameters are not valid: fix the fields listed in issues', issues);
      }
      throw error;
    }
    // Dedicated connections, so the replicas really are separate clients (separate ioredis-mock instances
    // sharing one data set on the embedded store).
    const raw: ServerRedis[] = Array.from({ length: body.replicas }, () => ctx.handle.connect());
    try {
      const opened = await Promise.all(raw.map((conn) => openConnection(conn, ctx.config.redisTimeoutMs * 4)));
      if (opened.some((ok) => !ok)) {
        throw new HttpError(503, 'redis_unavailable', 'the race needs Redis and it is not reachable now; retry when /healthz shows redis "up"');
      }
      const conns = raw.map((conn) => timed(conn, RACE_CALL_TIMEOUT_MS, (cmd, s, ok) => ctx.metrics.redisCommand(cmd, s, ok)) as unknown as RedisLike);
      const result = await runRace(conns, ctx.redis as unknown as { del(...keys: string[]): Promise<unknown> }, { rule, replicas: body.replicas, requests: body.requests, trials: body.trials }, {
        now: ctx.clock,
        budgetMs: L.timeBudgetMs,
      });
      return c.json({
        algorithm: body.algorithm,
        params: rule,
        replicas: body.replicas,
        requests: body.requests,
        store: ctx.handle.kind,
        atomic: body.algorithm !== 'token-bucket-naive',
        ...result,
      });
    } finally {
      for (const conn of raw) closeConnection(conn);
    }
  });
  return r;
}
