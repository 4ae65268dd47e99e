// Property tests over random valid scenarios: no crash, same trace twice, and the algorithms' invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from './run.js';
import { parseScenario } from './scenario/parse.js';
import type { Scenario } from './scenario/types.js';

const DURATION = 3000;

const limiter = fc.oneof(
  fc.record({ algorithm: fc.constantFrom('token-bucket', 'token-bucket-naive'), capacity: fc.integer({ min: 3, max: 20 }), refillPerSecond: fc.double({ min: 0.5, max: 30, noNaN: true }) }),
  fc.record({ algorithm: fc.constant('leaky-bucket'), capacity: fc.integer({ min: 3, max: 20 }), leakPerSecond: fc.double({ min: 0.5, max: 30, noNaN: true }) }),
  fc.record({ algorithm: fc.constant('fixed-window'), limit: fc.integer({ min: 3, max: 20 }), windowMs: fc.integer({ min: 50, max: 1500 }) }),
  fc.record({ algorithm: fc.constant('sliding-log'), limit: fc.integer({ min: 3, max: 20 }), windowMs: fc.integer({ min: 50, max: 1500 }), countRejected: fc.boolean() }),
  fc.record({ algorithm: fc.constant('sliding-counter'), limit: fc.integer({ min: 3, max: 20 }), windowMs: fc.integer({ min: 50, max: 1500 }) }),
  fc.record({ algorithm: fc.constant('gcra'), ratePerSecond: fc.double({ min: 0.5, max: 30, noNaN: true }), burst: fc.integer({ min: 3, max: 20 }) }),
);

const arrivals = fc.oneof(
  fc.record({ kind: fc.constant('times'), atMs: fc.array(fc.integer({ min: 0, max: DURATION - 1 }), { maxLength: 30 }) }),
  fc.record({ kind: fc.constant('steady'), ratePerSecond: fc.double({ min: 0.5, max: 40, noNaN: true }) }),
  fc.record({ kind: fc.constant('poisson'), ratePerSecond: fc.double({ min: 0.5, max: 40, noNaN: true }) }),
  fc.record({ kind: fc.constant('burst'), atMs: fc.integer({ min: 0, max: DURATION - 1 }), count: fc.integer({ min: 1, max: 30 }), spreadMs: fc.integer({ min: 0, max: 300 }) }),
);

const retry = fc.oneof(
  fc.constant({ policy: 'none' }),
  fc.record({ policy: fc.constant('fixed'), delayMs: fc.integer({ min: 0, max: 500 }), maxAttempts: fc.integer({ min: 1, max: 4 }), jitter: fc.constantFrom('none', 'full') }),
  fc.record({ policy: fc.constant('exponential'), baseMs: fc.integer({ min: 1, max: 200 }), maxDelayMs: fc.integer({ min: 1, max: 1000 }), maxAttempts: fc.integer({ min: 1, max: 4 }), jitter: fc.constantFrom('none', 'full') }),
  fc.record({ policy: fc.constant('retry-after'), maxAttempts: fc.integer({ min: 1, max: 4 }), jitter: fc.constantFrom('none', 'full') }),
);

const client = fc.record({ arrivals, retry, key: fc.constantFrom('k1', 'k2', undefined), cost: fc.integer({ min: 1, max: 3 }) });

const topology = fc.integer({ min: 1, max: 3 }).chain((replicas) =>
  fc.record({
    replicas: fc.constant(replicas),
    routing: fc.constantFrom('round-robin', 'random', 'by-client'),
    latencyMs: fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
    clockSkewMs: fc.array(fc.integer({ min: -300, max: 300 }), { minLength: replicas, maxLength: replicas }),
    clock: fc.constantFrom('app', 'redis'),
  }),
);

const fault = fc
  .tuple(fc.integer({ min: 0, max: DURATION - 2 }), fc.integer({ min: 1, max: 1000 }), fc.boolean(), fc.integer({ min: 1, max: 100 }))
  .map(([fromMs, len, down, extra]) =>
    down ? { kind: 'redis-down', fromMs, toMs: fromMs + len } : { kind: 'redis-slow', fromMs, toMs: fromMs + len, extraLatencyMs: extra },
  );

const resilience = fc.record({
  breaker: fc.option(
    fc.record({ scope: fc.constantFrom('local', 'shared'), failureThreshold: fc.integer({ min: 1, max: 5 }), openMs: fc.integer({ min: 1, max: 800 }), halfOpenProbes: fc.integer({ min: 1, max: 3 }) }),
    { nil: undefined },
  ),
  onRedisDown: fc.constantFrom('allow', 'deny', 'local-fallback'),
});

/** Drops undefined fields (the schema is strict about keys, not about absent values, but JSON has no undefined). */
const clean = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

function build(raw: unknown): Scenario {
  const r = parseScenario(clean(raw));
  if (!r.ok) throw new Error(`generator produced an invalid scenario: ${JSON.stringify(r.issues)}`);
  return r.scenario;
}

const anyScenario = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    limiters: fc.array(limiter, { minLength: 1, maxLength: 3 }),
    clients: fc.array(client, { minLength: 1, maxLength: 4 }),
    topology,
    faults: fc.array(fault, { maxLength: 3 }),
    resilience,
  })
  .map((s) =>
    build({
      format: 1,
      durationMs: DURATION,
      ...s,
      limiters: s.limiters.map((l, i) => ({ id: `l${i}`, ...l })),
      clients: s.clients.map((c, i) => ({ id: `c${i}`, ...c })),
    }),
  );

describe('random valid scenarios', () => {
  it('never crash, decide every request once per attempt, and give the same trace twice', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const a = runScenario(s);
        const b = runScenario(s);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        for (const l of a.limiters) {
          expect(l.summary.requests).toBe(l.decisions.length);
          for (let i = 1; i < l.decisions.length; i += 1) expect(l.decisions[i]!.tMs).toBeGreaterThanOrEqual(l.decisions[i - 1]!.tMs);
          for (const d of l.decisions) {
            expect(d.remaining).toBeGreaterThanOrEqual(0);
            expect(d.retryAfterMs).toBeGreaterThanOrEqual(0);
            expect(typeof d.explanation).toBe('string');
          }
        }
        // Every limiter sees the same first attempts: arrivals do not depend on the limiter.
        const firsts = a.limiters.map((l) => l.decisions.filter((d) => d.attempt === 1).length);
        expect(new Set(firsts).size).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it('requests that nothing delays take a short path that makes exactly the decisions of the general one', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const instant: Scenario = { ...s, topology: { ...s.topology, latencyMs: { min: 0, max: 0 } }, faults: [] };
        // A fault long after the run changes no decision but sends every request down the general path.
        const general: Scenario = { ...instant, faults: [{ kind: 'redis-slow', fromMs: 10 * DURATION, toMs: 10 * DURATION + 1, extraLatencyMs: 1 }] };
        const a = runScenario(instant);
        const b = runScenario(general);
        expect(JSON.stringify([a.limiters, a.breaker])).toBe(JSON.stringify([b.limiters, b.breaker]));
      }),
      { numRuns: 60 },
    );
  });

  it('an atomic sliding log on one replica never admits more than limit per window; a fixed window never more than 2 x limit', () => {
    // One replica, no faults, and a single time source for the algorithm: Redis time, or the app clock without latency.
    const invariantScenario = fc
      .record({
        seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        limit: fc.integer({ min: 3, max: 15 }),
        windowMs: fc.integer({ min: 50, max: 1500 }),
        countRejected: fc.boolean(),
        clients: fc.array(client, { minLength: 1, maxLength: 4 }),
        timing: fc.oneof(
          fc.record({ clock: fc.constant('redis'), latencyMs: fc.integer({ min: 0, max: 20 }).map((max) => ({ min: 0, max })) }),
          fc.constant({ clock: 'app', latencyMs: { min: 0, max: 0 } }),
        ),
      })
      .map((x) =>
        build({
          format: 1,
          durationMs: DURATION,
          seed: x.seed,
          limiters: [
            { id: 'log', algorithm: 'sliding-log', limit: x.limit, windowMs: x.windowMs, countRejected: x.countRejected },
            { id: 'fixed', algorithm: 'fixed-window', limit: x.limit, windowMs: x.windowMs },
          ],
          clients: x.clients.map((c, i) => ({ id: `c${i}`, ...c })),
          topology: { replicas: 1, ...x.timing },
        }),
      );
    fc.assert(
      fc.property(invariantScenario, (s) => {
        const [log, fixed] = runScenario(s).limiters;
        const limit = (s.limiters[0] as { limit: number }).limit;
        expect(log!.summary.maxAllowedInAnyWindow).toBeLessThanOrEqual(limit);
        expect(fixed!.summary.maxAllowedInAnyWindow).toBeLessThanOrEqual(2 * limit);
      }),
      { numRuns: 100 },
    );
  });
});
