import { ALGORITHMS, PARAM_SCHEMAS, ruleCapacity, capacityName, type Rule } from '@ratelab/algorithms';
import { z } from 'zod';
import { estimateArrivals } from './arrivals-estimate.js';
import { DEFAULT_LIMITS, type ScenarioLimits } from './limits.js';
import type { Scenario } from './types.js';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const ID_MESSAGE = 'must be 1-64 characters of A-Z a-z 0-9 _ . : - starting with a letter or digit';

/** Builds the one schema of scenario format 1 for the given limits. */
export function scenarioSchema(L: ScenarioLimits = DEFAULT_LIMITS) {
  const int = (what: string, min: number, max: number) =>
    z
      .number({ error: `${what} must be a number` })
      .int({ error: `${what} must be a whole number` })
      .min(min, { error: `${what} must be at least ${min}` })
      .max(max, { error: `${what} must be at most ${max}` });
  const text = (what: string) => z.string({ error: `${what} must be a string` }).max(L.maxTextLength, { error: `${what} must be at most ${L.maxTextLength} characters` });
  const id = (what: string) => z.string({ error: `${what} must be a string` }).regex(ID_PATTERN, { error: `${what} ${ID_MESSAGE}` });
  const timeMs = (what: string) => int(what, 0, L.maxDurationMs);
  const rate = z
    .number({ error: 'ratePerSecond must be a number' })
    .positive({ error: 'ratePerSecond must be positive' })
    .max(L.maxRatePerSecond, { error: `ratePerSecond must be at most ${L.maxRatePerSecond}` });
  const delay = (what: string, min = 0) => int(what, min, L.maxDelayMs);

  const resilience = z.strictObject({
    breaker: z
      .strictObject({
        scope: z.enum(['local', 'shared'], { error: 'breaker.scope must be "local" or "shared"' }),
        failureThreshold: int('failureThreshold', 1, 1000),
        openMs: delay('openMs', 1),
        halfOpenProbes: int('halfOpenProbes', 1, 100).default(1),
      })
      .optional(),
    onRedisDown: z.enum(['allow', 'deny', 'local-fallback'], { error: 'onRedisDown must be allow, deny or local-fallback' }).default('deny'),
  });

  const limiter = z.discriminatedUnion(
    'algorithm',
    ALGORITHMS.map((name) =>
      (PARAM_SCHEMAS[name] as z.ZodObject).extend({
        algorithm: z.literal(name),
        id: id('limiter id'),
        // Optional per-limiter overrides, so one scenario can compare clocks or failure handling side by side.
        clock: z.enum(['app', 'redis'], { error: 'clock must be "app" or "redis"' }).optional(),
        resilience: resilience.optional(),
      }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
    { error: `algorithm must be one of ${ALGORITHMS.join(', ')}` },
  );

  const arrivals = z.discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('times'),
        atMs: z.array(timeMs('atMs entry')).max(L.maxTimesPerClient, { error: `atMs may list at most ${L.maxTimesPerClient} times` }),
      }),
      z.strictObject({ kind: z.literal('steady'), ratePerSecond: rate, fromMs: timeMs('fromMs').optional(), toMs: timeMs('toMs').optional() }),
      z.strictObject({ kind: z.literal('poisson'), ratePerSecond: rate, fromMs: timeMs('fromMs').optional(), toMs: timeMs('toMs').optional() }),
      z.strictObject({
        kind: z.literal('burst'),
        atMs: timeMs('atMs'),
        count: int('count', 1, L.maxBurstCount),
        spreadMs: delay('spreadMs').default(0),
      }),
    ],
    { error: 'arrivals.kind must be one of times, steady, poisson, burst' },
  );

  const attempts = int('maxAttempts', 1, L.maxAttempts).default(3);
  const jitter = z.enum(['none', 'full'], { error: 'jitter must be "none" or "full"' }).default('none');
  const retry = z.discriminatedUnion(
    'policy',
    [
      z.strictObject({ policy: z.literal('none') }),
      z.strictObject({ policy: z.literal('fixed'), delayMs: delay('delayMs'), maxAttempts: attempts, jitter }),
      z.strictObject({
        policy: z.literal('exponential'),
        baseMs: delay('baseMs', 1),
        maxDelayMs: delay('maxDelayMs', 1).default(L.maxDelayMs),
        maxAttempts: attempts,
        jitter,
      }),
      z.strictObject({ policy: z.literal('retry-after'), maxAttempts: attempts, jitter }),
    ],
    { error: 'retry.policy must be one of none, fixed, exponential, retry-after' },
  );

  const client = z.strictObject({
    id: id('client id'),
    arrivals,
    key: z.string({ error: 'key must be a string' }).min(1, { error: 'key must not be empty' }).max(256, { error: 'key must be at most 256 characters' })
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u001f\u007f]*$/, { error: 'key must not contain control characters' })
      .optional(),
    cost: int('cost', 1, 1_000_000_000).default(1),
    retry: retry.default({ policy: 'none' }),
  });

  const topology = z.strictObject({
    replicas: int('replicas', 1, L.maxReplicas).default(1),
    routing: z.enum(['round-robin', 'random', 'by-client'], { error: 'routing must be round-robin, random or by-client' }).default('round-robin'),
    latencyMs: z.strictObject({ min: delay('latencyMs.min'), max: delay('latencyMs.max') }).default({ min: 0, max: 0 }),
    clockSkewMs: z.array(int('clockSkewMs entry', -L.maxDelayMs, L.maxDelayMs)).max(L.maxReplicas).optional(),
    clock: z.enum(['app', 'redis'], { error: 'clock must be "app" or "redis"' }).default('app'),
  });

  const fault = z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('redis-down'), fromMs: timeMs('fromMs'), toMs: timeMs('toMs') }),
      z.strictObject({ kind: z.literal('redis-slow'), fromMs: timeMs('fromMs'), toMs: timeMs('toMs'), extraLatencyMs: delay('extraLatencyMs', 1) }),
    ],
    { error: 'fault kind must be "redis-down" or "redis-slow"' },
  );

  return z
    .strictObject({
      format: z.literal(1, { error: 'format must be 1' }),
      id: id('id').optional(),
      title: text('title').default('Untitled scenario'),
      lesson: text('lesson').optional(),
      notice: text('notice').optional(),
      seed: int('seed', 0, 4294967295).default(1),
      durationMs: int('durationMs', 1, L.maxDurationMs),
      limiters: z.array(limiter).min(1, { error: 'limiters needs at least one limiter' }).max(L.maxLimiters, { error: `at most ${L.maxLimiters} limiters` }),
      clients: z.array(client).min(1, { error: 'clients needs at least one client' }).max(L.maxClients, { error: `at most ${L.maxClients} clients` }),
      topology: topology.default({ replicas: 1, routing: 'round-robin', latencyMs: { min: 0, max: 0 }, clock: 'app' }),
      faults: z.array(fault).max(L.maxFaults, { error: `at most ${L.maxFaults} faults` }).default([]),
      resilience: resilience.default({ onRedisDown: 'deny' }),
    })
    .superRefine((s, ctx) => crossChecks(s as unknown as Scenario, ctx, L));
}

function crossChecks(s: Scenario, ctx: z.RefinementCtx, L: ScenarioLimits): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const seen = new Map<string, number>();
  s.limiters.forEach((l, i) => {
    const lid = l.id;
    if (seen.has(lid)) issue(['limiters', i, 'id'], `limiter id "${lid}" is already used by limiters[${seen.get(lid)}]`);
    else seen.set(lid, i);
  });
  const clientIds = new Map<string, number>();
  let arrivals = 0;
  s.clients.forEach((c, i) => {
    if (clientIds.has(c.id)) issue(['clients', i, 'id'], `client id "${c.id}" is already used by clients[${clientIds.get(c.id)}]`);
    else clientIds.set(c.id, i);
    const a = c.arrivals;
    if (a.kind === 'times') {
      a.atMs.forEach((t, j) => {
        if (t >= s.durationMs) issue(['clients', i, 'arrivals', 'atMs', j], `atMs entry ${t} is not before durationMs (${s.durationMs})`);
      });
    } else if (a.kind === 'burst') {
      if (a.atMs >= s.durationMs) issue(['clients', i, 'arrivals', 'atMs'], `atMs ${a.atMs} is not before durationMs (${s.durationMs})`);
    } else {
      const from = a.fromMs ?? 0;
      const to = a.toMs ?? s.durationMs;
      if (from >= to) issue(['clients', i, 'arrivals', a.fromMs === undefined ? 'toMs' : 'fromMs'], `fromMs (${from}) must be before toMs (${to})`);
      if (to > s.durationMs) issue(['clients', i, 'arrivals', 'toMs'], `toMs (${to}) must not be after durationMs (${s.durationMs})`);
    }
    arrivals += estimateArrivals(a, s.durationMs);
    s.limiters.forEach((l) => {
      const rule: Rule = l;
      const cap = ruleCapacity(rule);
      if (c.cost > cap)
        issue(['clients', i, 'cost'], `cost ${c.cost} can never be allowed by limiter "${l.id}": it is above its ${capacityName(rule)} of ${cap}`);
    });
  });
  if (arrivals > L.maxArrivals)
    issue(['clients'], `the clients would generate about ${Math.round(arrivals)} requests; the limit is ${L.maxArrivals} (lower rates, counts or durationMs)`);
  const t = s.topology;
  if (t.latencyMs.min > t.latencyMs.max) issue(['topology', 'latencyMs', 'min'], `latencyMs.min (${t.latencyMs.min}) must not be above latencyMs.max (${t.latencyMs.max})`);
  if (t.clockSkewMs !== undefined && t.clockSkewMs.length !== t.replicas)
    issue(['topology', 'clockSkewMs'], `clockSkewMs must list one skew per replica: ${t.replicas} entries, got ${t.clockSkewMs.length}`);
  s.faults.forEach((f, i) => {
    if (f.fromMs >= f.toMs) issue(['faults', i, 'fromMs'], `fromMs (${f.fromMs}) must be before toMs (${f.toMs})`);
  });
}
