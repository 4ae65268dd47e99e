import { describe, expect, it } from 'vitest';
import type { TraceDecision, TraceLimiter } from '../state/types';
import { admittedInWindow, busiestKey, judgingWindowMs, ruleLimit, stateSeries, trafficBins } from './series';

const d = (tMs: number, allowed: boolean, extra: Partial<TraceDecision> = {}): TraceDecision => ({
  tMs, client: 'a', key: 'a', replica: 0, attempt: 1, allowed, remaining: 0, retryAfterMs: 0, ...extra,
});
const lim = (decisions: TraceDecision[]): TraceLimiter => ({ id: 'x', decisions, summary: { requests: 0, allowed: 0, blocked: 0, maxAllowedInAnyWindow: 0 } });

describe('chart series', () => {
  it('bins allowed, delayed and blocked requests', () => {
    const bins = trafficBins(lim([d(0, true), d(5, true, { delayMs: 3 }), d(8, false), d(999, false)]), 1000);
    expect(bins[0]).toEqual({ t: 0, allowed: 1, delayed: 1, blocked: 1 });
    expect(bins.reduce((n, b) => n + b.allowed + b.delayed + b.blocked, 0)).toBe(4);
  });

  it('shows the boundary spike: 20 admitted within one window of a 10-per-second fixed window', () => {
    const ds = [...Array.from({ length: 10 }, (_, i) => d(990 + i, true)), ...Array.from({ length: 10 }, (_, i) => d(1000 + i, true))];
    const series = admittedInWindow(lim(ds), 'a', 1000, 3000);
    expect(Math.max(...series.map((p) => p.admitted))).toBe(20);
    // Outside the window the count falls back: a request 1000 ms later sees only itself.
    expect(Math.max(...admittedInWindow(lim([d(0, true), d(1000, true)]), 'a', 1000, 3000).map((p) => p.admitted))).toBe(1);
  });

  it('follows the busiest key and skips absolute timestamps', () => {
    const ds = [d(1, true, { key: 'b', stateAfter: { tat: 5000, aheadMs: 3 } }), d(2, true, { key: 'b', stateAfter: { tat: 6000, aheadMs: 4 } }), d(3, true)];
    expect(busiestKey(lim(ds))).toBe('b');
    const s = stateSeries(lim(ds), 'b', 1000);
    expect(s.fields).toEqual(['aheadMs']);
  });

  it('derives the judging window and limit from the rule', () => {
    expect(judgingWindowMs({ id: 'a', algorithm: 'fixed-window', limit: 3, windowMs: 500 })).toBe(500);
    expect(judgingWindowMs({ id: 'a', algorithm: 'token-bucket', capacity: 10, refillPerSecond: 5 })).toBe(2000);
    expect(ruleLimit({ id: 'a', algorithm: 'gcra', ratePerSecond: 1, burst: 4 })).toBe(4);
  });
});
