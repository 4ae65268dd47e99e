import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from './builtins.js';
import { runScenario } from './run.js';
import { parseScenario } from './scenario/parse.js';
import type { Scenario } from './scenario/types.js';
import type { TraceDecision } from './trace/types.js';

function scenario(input: Record<string, unknown>): Scenario {
  const r = parseScenario({ format: 1, durationMs: 5000, ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario;
}

const decisionFields = (d: TraceDecision) => {
  const { explanation: _e, stateBefore: _b, stateAfter: _a, ...rest } = d;
  return rest;
};

describe('runScenario (sim engine)', () => {
  it.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))('%s gives a byte-identical trace on every run', (_id, s) => {
    expect(JSON.stringify(runScenario(s))).toBe(JSON.stringify(runScenario(s)));
  });

  it.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))('%s: the lean fast path makes exactly the full run decisions', (_id, s) => {
    const full = runScenario(s, { detail: 'full' });
    const lean = runScenario(s, { detail: 'lean' });
    expect(lean.detail).toBe('lean');
    expect(lean.limiters.map((l) => l.decisions)).toEqual(full.limiters.map((l) => l.decisions.map(decisionFields)));
    expect(lean.limiters.map((l) => l.summary)).toEqual(full.limiters.map((l) => l.summary));
    for (const l of full.limiters) for (const d of l.decisions) expect(d.explanation).toMatch(/^(allowed|blocked|Redis|breaker)/);
  });

  it.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))('%s: running any range of its limiters gives those limiters of the full run', (_id, s) => {
    const full = runScenario(s);
    const n = s.limiters.length;
    const h = Math.ceil(n / 2);
    const parts = n > 1 ? [runScenario(s, { limiterRange: [0, h] }), runScenario(s, { limiterRange: [h, n] })] : [runScenario(s, { limiterRange: [0, 1] })];
    // Concatenated in order, the halves are the full trace byte for byte: limiters, summaries and breaker log.
    const joined = { ...full, limiters: parts.flatMap((p) => p.limiters), breaker: parts.flatMap((p) => p.breaker) };
    expect(JSON.stringify(joined)).toBe(JSON.stringify(full));
    for (let i = 0; i < n; i++) {
      const alone = runScenario(s, { limiterRange: [i, i + 1] });
      expect(JSON.stringify(alone.limiters), `${s.id} limiter ${i}`).toBe(JSON.stringify([full.limiters[i]]));
    }
  });

  it('refuses a limiter range outside the scenario', () => {
    const s = BUILTIN_SCENARIOS[0]!;
    for (const range of [[0, 0], [-1, 1], [0, s.limiters.length + 1], [0.5, 1]] as [number, number][])
      expect(() => runScenario(s, { limiterRange: range }), String(range)).toThrow(RangeError);
  });

  it('decides at exactly the arrival time with the default topology, same-ms arrivals in clients order then arrival order', () => {
    const s = scenario({
      limiters: [{ id: 'fw', algorithm: 'fixed-window', limit: 100, windowMs: 1000 }],
      clients: [
        { id: 'b', arrivals: { kind: 'times', atMs: [5, 0, 5] } },
        { id: 'a', arrivals: { kind: 'burst', atMs: 5, count: 2 } },
        { id: 'c', arrivals: { kind: 'times', atMs: [3] } },
      ],
    });
    const d = runScenario(s).limiters[0]?.decisions ?? [];
    expect(d.map((x) => `${x.tMs}:${x.client}`)).toEqual(['0:b', '3:c', '5:b', '5:b', '5:a', '5:a']);
    expect(d.every((x) => x.nowMs === undefined && x.arrivalMs === undefined)).toBe(true);
  });

  it('explains a blocked token-bucket decision in plain words with the numbers from the model', () => {
    const s = scenario({
      limiters: [{ id: 'tb', algorithm: 'token-bucket', capacity: 1, refillPerSecond: 1 }],
      clients: [{ id: 'a', arrivals: { kind: 'times', atMs: [0, 400] } }],
    });
    const [first, second] = runScenario(s).limiters[0]?.decisions ?? [];
    expect(first?.explanation).toBe('allowed: spent 1 token, 0.0 tokens left');
    expect(second).toMatchObject({ allowed: false, retryAfterMs: 600, stateBefore: { tokens: 0.4 }, stateAfter: { tokens: 0.4 } });
    expect(second?.explanation).toBe('blocked: 0.4 tokens left, next token in 600 ms');
  });

  it('retries per policy: retry-after waits the decision retryAfterMs, maxAttempts counts the first, none after the run ends', () => {
    const s = scenario({
      durationMs: 2500,
      limiters: [{ id: 'fw', algorithm: 'fixed-window', limit: 1, windowMs: 1000 }],
      clients: [{ id: 'a', arrivals: { kind: 'times', atMs: [0, 100] }, retry: { policy: 'retry-after', maxAttempts: 3 } }],
    });
    const d = runScenario(s).limiters[0]?.decisions ?? [];
    expect(d.map((x) => [x.tMs, x.attempt, x.allowed])).toEqual([
      [0, 1, true],
      [100, 1, false],
      [1000, 2, true],
    ]);
    const exp = scenario({
      limiters: [{ id: 'fw', algorithm: 'fixed-window', limit: 1, windowMs: 100_000 }],
      clients: [{ id: 'a', arrivals: { kind: 'times', atMs: [0, 0] }, retry: { policy: 'exponential', baseMs: 100, maxDelayMs: 300, maxAttempts: 4 } }],
    });
    expect((runScenario(exp).limiters[0]?.decisions ?? []).map((x) => [x.tMs, x.attempt])).toEqual([
      [0, 1],
      [0, 1],
      [100, 2],
      [300, 3],
      [600, 4],
    ]);
  });

  it('puts each naive GET and SET through the network: two replicas read before either writes and double-spend', () => {
    const s = scenario({
      limiters: [
        { id: 'naive', algorithm: 'token-bucket-naive', capacity: 1, refillPerSecond: 0.001 },
        { id: 'atomic', algorithm: 'token-bucket', capacity: 1, refillPerSecond: 0.001 },
      ],
      clients: [{ id: 'a', key: 'k', arrivals: { kind: 'times', atMs: [0, 0] } }],
      topology: { replicas: 2, latencyMs: { min: 5, max: 5 } },
    });
    const [naive, atomic] = runScenario(s).limiters;
    expect(naive?.decisions.map((d) => d.allowed)).toEqual([true, true]);
    // The naive decision is made in the application after two GET round trips (20 ms), on the time it read first.
    expect(naive?.decisions[0]).toMatchObject({ tMs: 20, nowMs: 0, arrivalMs: 0 });
    expect(atomic?.decisions.map((d) => d.allowed)).toEqual([true, false]);
    expect(atomic?.decisions[0]).toMatchObject({ tMs: 5, nowMs: 0, arrivalMs: 0 });
  });

  it("with clock 'redis' decides at the virtual time the command reaches Redis, ignoring replica skew", () => {
    const base = {
      limiters: [{ id: 'fw', algorithm: 'fixed-window', limit: 100, windowMs: 1000 }],
      clients: [{ id: 'a', arrivals: { kind: 'times', atMs: [0, 0] } }],
    };
    const app = scenario({ ...base, topology: { replicas: 2, latencyMs: { min: 3, max: 3 }, clockSkewMs: [0, 250], clock: 'app' } });
    const redis = scenario({ ...base, topology: { replicas: 2, latencyMs: { min: 3, max: 3 }, clockSkewMs: [0, 250], clock: 'redis' } });
    expect(runScenario(app).limiters[0]?.decisions.map((d) => [d.tMs, d.nowMs ?? d.tMs])).toEqual([
      [3, 0],
      [3, 250],
    ]);
    expect(runScenario(redis).limiters[0]?.decisions.map((d) => [d.tMs, d.nowMs ?? d.tMs])).toEqual([
      [3, 3],
      [3, 3],
    ]);
  });

  it('applies faults by the time a command reaches Redis, and redis-slow delays the reply', () => {
    const s = scenario({
      durationMs: 1000,
      limiters: [{ id: 'tb', algorithm: 'token-bucket', capacity: 100, refillPerSecond: 1 }],
      clients: [{ id: 'a', arrivals: { kind: 'times', atMs: [95, 96, 300] } }],
      topology: { latencyMs: { min: 5, max: 5 } },
      faults: [
        { kind: 'redis-down', fromMs: 100, toMs: 101 },
        { kind: 'redis-slow', fromMs: 300, toMs: 400, extraLatencyMs: 50 },
      ],
      resilience: { onRedisDown: 'allow' },
    });
    const d = runScenario(s).limiters[0]?.decisions ?? [];
    // The first command reaches Redis at 100 (down); the replica learns it at 105 and falls back then. The
    // second reaches Redis at 101 and is decided there, so it comes first in decision order.
    expect(d[0]).toMatchObject({ tMs: 101, allowed: true, remaining: 99, arrivalMs: 96 });
    expect(d[0]?.fallback).toBeUndefined();
    expect(d[1]).toMatchObject({ tMs: 105, allowed: true, fallback: 'allow', fallbackReason: 'redis-error', arrivalMs: 95 });
    expect(d[2]).toMatchObject({ tMs: 305, remaining: 98 });
  });
});
