import { describe, expect, it } from 'vitest';
import { measureWindowMs, summarize } from './summary.js';
import type { TraceDecision } from './types.js';

const d = (tMs: number, client: string, allowed: boolean, extra: Partial<TraceDecision> = {}): TraceDecision => ({
  tMs,
  client,
  key: extra.key ?? client,
  replica: 0,
  attempt: 1,
  allowed,
  remaining: 0,
  retryAfterMs: 0,
  ...extra,
});

describe('summarize', () => {
  const rule = { algorithm: 'fixed-window', limit: 2, windowMs: 100 } as const;

  it('measures the most allowed units of one key in any (t - windowMs, t] span, per key and overall', () => {
    const decisions = [d(0, 'a', true), d(99, 'a', true), d(100, 'a', true), d(150, 'a', true), d(199, 'a', true, { cost: 2 }), d(50, 'b', true, { key: 'a' })];
    decisions.sort((x, y) => x.tMs - y.tMs);
    const s = summarize(rule, 'fw', decisions, ['a', 'b'], 1000, []);
    // (99, 199] holds 100, 150 and 199 (cost 2): 4 units.
    expect(s.maxAllowedInAnyWindow).toBe(4);
    expect(s.keys.a).toEqual({ allowedUnits: 7, maxAllowedInAnyWindow: 4, idealAllowed: 4 });
    // An exact log with limit 2 per 100 ms admits 0, 50 | 100, 150 of these attempts; the 199 (cost 2) does not fit.
    expect(s.idealAllowed).toBe(4);
    expect(s.admittedBeyondIdeal).toBe(3);
  });

  it('times blocked streaks until the client is allowed again, and counts per client and per time bucket', () => {
    const decisions = [d(0, 'a', true), d(10, 'a', false), d(20, 'a', false, { attempt: 2 }), d(70, 'a', true, { attempt: 3 }), d(80, 'b', false, { fallback: 'deny', fallbackReason: 'breaker-open' })];
    const s = summarize(rule, 'fw', decisions, ['a', 'b'], 100, [{ limiter: 'fw', tMs: 5, replica: 0, from: 'closed', to: 'open' }, { limiter: 'other', tMs: 5, replica: 1, from: 'closed', to: 'open' }]);
    expect(s.recovery).toEqual({ streaks: 2, recovered: 1, maxMs: 60, meanMs: 60 });
    expect(s.clients.a).toEqual({ requests: 4, allowed: 2, blocked: 2, retries: 2, maxRecoveryMs: 60 });
    expect(s.fallbacks).toEqual({ allow: 0, deny: 1, local: 0 });
    expect(s.breakerTransitions).toEqual({ '0': 1 });
    expect(s.series.bucketMs).toBe(1);
    expect(s.series.allowed.reduce((a, b) => a + b)).toBe(2);
    expect(s.series.blocked[80]).toBe(1);
  });

  it('measures buckets over the time to refill from empty', () => {
    expect(measureWindowMs({ algorithm: 'token-bucket', capacity: 10, refillPerSecond: 4 })).toBe(2500);
    expect(measureWindowMs({ algorithm: 'gcra', ratePerSecond: 3, burst: 1 })).toBe(334);
    expect(measureWindowMs({ algorithm: 'sliding-log', limit: 1, windowMs: 70, countRejected: false })).toBe(70);
  });
});
