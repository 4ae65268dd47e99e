import { BUILTIN_SCENARIOS } from '@ratelab/sim';
import { describe, expect, it } from 'vitest';
import { toTraceJson, type TraceData } from './columns';
import { changedLimiter, joinParts, spliceLimiter, splitLimiters } from './parts';
import { answer } from './simulate';

const clock = () => 0;

/** What the workers answer for `scenario`, whole or split into `lanes` parts and joined as the page joins them. */
function run(scenario: unknown, lanes: number): TraceData {
  const count = (scenario as { limiters: unknown[] }).limiters.length;
  const ranges = lanes === 1 ? [undefined] : splitLimiters(count, lanes);
  const parts = ranges.map((limiterRange, id) => {
    const r = answer({ id, kind: 'run', scenario, ...(limiterRange ? { limiterRange } : {}) }, clock).response;
    if (r.kind !== 'run' || !r.ok) throw new Error(`run failed: ${JSON.stringify(r)}`);
    return r.trace;
  });
  return joinParts(parts);
}

const large = {
  format: 1, id: 'large', seed: 7, durationMs: 5000,
  limiters: [
    { id: 'fw', algorithm: 'fixed-window', limit: 300, windowMs: 1000 },
    { id: 'log', algorithm: 'sliding-log', limit: 300, windowMs: 1000 },
    // Its own resilience: no breaker, so no 'breaker-open' in its part's strings, whose table then numbers client c
    // differently from the whole run's and must be renumbered by the join.
    { id: 'tb', algorithm: 'token-bucket', capacity: 300, refillPerSecond: 300, resilience: { onRedisDown: 'deny' } },
  ],
  clients: [
    { id: 'a', arrivals: { kind: 'poisson', ratePerSecond: 600 }, retry: { policy: 'exponential', baseMs: 20, maxDelayMs: 400, maxAttempts: 3, jitter: 'full' } },
    { id: 'b', key: 'shared', arrivals: { kind: 'steady', ratePerSecond: 200 } },
    { id: 'c', key: 'shared', arrivals: { kind: 'burst', atMs: 2500, count: 400, spreadMs: 100 } },
  ],
  topology: { replicas: 2, routing: 'random', latencyMs: { min: 1, max: 4 }, clockSkewMs: [0, 30] },
  faults: [{ kind: 'redis-down', fromMs: 1000, toMs: 1600 }],
  resilience: { breaker: { scope: 'local', failureThreshold: 3, openMs: 300, halfOpenProbes: 1 }, onRedisDown: 'local-fallback' },
};

describe('split runs', () => {
  it('cut the limiters into contiguous, nearly equal ranges, one per lane at most', () => {
    expect(splitLimiters(4, 2)).toEqual([[0, 2], [2, 4]]);
    expect(splitLimiters(3, 2)).toEqual([[0, 2], [2, 3]]);
    expect(splitLimiters(5, 4)).toEqual([[0, 2], [2, 3], [3, 4], [4, 5]]);
    expect(splitLimiters(2, 8)).toEqual([[0, 1], [1, 2]]);
    expect(splitLimiters(1, 4)).toEqual([[0, 1]]);
    expect(splitLimiters(4, 1)).toEqual([[0, 4]]);
    expect(splitLimiters(0, 2)).toEqual([]);
  });

  it.each([2, 3, 4])('join into exactly the trace of one worker running every limiter (%i lanes), for every built-in', (lanes) => {
    for (const s of BUILTIN_SCENARIOS) expect(run(s, lanes), s.id).toEqual(run(s, 1));
  });

  it('join a large run (detail pending, retries, shared keys) exactly too', () => {
    const whole = run(large, 1);
    expect(whole.detail).toBe('pending');
    expect(whole.limiters.reduce((n, l) => n + l.n, 0)).toBeGreaterThan(6000);
    // The parts to join carry breaker transitions and fallback reasons, whose strings the join must renumber.
    expect(whole.breaker.length).toBeGreaterThan(0);
    expect(whole.limiters.every((l) => l.fallbackReason.some((r) => r >= 0))).toBe(true);
    const last = answer({ id: 9, kind: 'run', scenario: large, limiterRange: [2, 3] }, clock).response;
    expect(last.kind === 'run' && last.ok && last.trace.strings).not.toEqual(whole.strings.slice(0, last.kind === 'run' && last.ok ? last.trace.strings.length : 0));
    expect(run(large, 2)).toEqual(whole);
    expect(run(large, 3)).toEqual(whole);
  });

  it('report a bad scenario with its own paths from any part', () => {
    const bad = { ...large, limiters: [...large.limiters.slice(0, 2), { id: 'tb', algorithm: 'token-bucket', capacity: -1, refillPerSecond: 300 }] };
    const r = answer({ id: 1, kind: 'run', scenario: bad, limiterRange: [0, 2] }, clock).response;
    expect(r.kind === 'run' && !r.ok && r.issues.map((i) => i.path)).toContain('limiters[2].capacity');
  });
});

/** `scenario` with limiter `i`'s size parameter (limit, capacity or burst) one larger. */
function bigger(scenario: unknown, i: number): { limiters: Record<string, unknown>[] } {
  const next = structuredClone(scenario) as { limiters: Record<string, unknown>[] };
  const l = next.limiters[i]!;
  const param = ['limit', 'capacity', 'burst'].find((p) => typeof l[p] === 'number')!;
  l[param] = (l[param] as number) + 1;
  return next;
}

/** One limiter of `scenario` run alone, as the incremental path asks the worker. */
function runOne(scenario: unknown, i: number): TraceData {
  const r = answer({ id: 1, kind: 'run', scenario, limiterRange: [i, i + 1] }, clock).response;
  if (r.kind !== 'run' || !r.ok) throw new Error(`run failed: ${JSON.stringify(r)}`);
  return r.trace;
}

describe('incremental runs (one limiter changed)', () => {
  it('find the one limiter whose rule alone changed, and nothing else', () => {
    const s = large as unknown as { limiters: Record<string, unknown>[]; seed: number };
    expect(changedLimiter(s, structuredClone(s))).toBe(-1);
    expect(changedLimiter(s, bigger(s, 1))).toBe(1);
    expect(changedLimiter(s, bigger(bigger(s, 0), 2))).toBe(-1);
    expect(changedLimiter(s, { ...bigger(s, 1), seed: 8 })).toBe(-1);
    expect(changedLimiter(s, { ...s, limiters: s.limiters.slice(0, 2) })).toBe(-1);
    expect(changedLimiter(s, null)).toBe(-1);
  });

  it('splice into exactly the trace of a whole run, for every limiter of every built-in and a large run', () => {
    const scenarios = [...BUILTIN_SCENARIOS.filter((b) => b.limiters.length > 1), large];
    let differed = 0;
    for (const s of scenarios) {
      const base = run(s, 1);
      for (let i = 0; i < s.limiters.length; i++) {
        const next = bigger(s, i);
        expect(changedLimiter(s, next)).toBe(i);
        const spliced = spliceLimiter(base, i, runOne(next, i));
        const whole = run(next, 1);
        const id = `${(s as { id?: string }).id} limiter ${i}`;
        expect(spliced.detail, id).toBe(whole.detail);
        expect(toTraceJson(spliced), id).toEqual(toTraceJson(whole));
        if (JSON.stringify(toTraceJson(base).limiters[i]) !== JSON.stringify(toTraceJson(whole).limiters[i])) differed += 1;
      }
    }
    // The changed rule really changed decisions in most cases, so the splice was tested on new decisions.
    expect(differed).toBeGreaterThan(5);
  });
});
