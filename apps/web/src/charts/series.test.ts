import { describe, expect, it } from 'vitest';
import { toColumns, type LimiterColumns } from '../run/columns';
import type { TraceDecision } from '../state/types';
import { admittedInWindow, busiestKey, judgingWindowMs, ruleLimit, stateSeries, trafficBins } from './series';

const d = (tMs: number, allowed: boolean, extra: Partial<TraceDecision> = {}): TraceDecision => ({
  tMs, client: 'a', key: 'a', replica: 0, attempt: 1, allowed, remaining: 0, retryAfterMs: 0, ...extra,
});
function cols(decisions: TraceDecision[]): { l: LimiterColumns; strings: string[] } {
  const t = toColumns({ format: 1, engine: 'sim', seed: 1, limiters: [{ id: 'x', decisions, summary: { requests: 0, allowed: 0, blocked: 0, maxAllowedInAnyWindow: 0 } }] }, true);
  return { l: t.limiters[0]!, strings: t.strings };
}

describe('chart series', () => {
  it('bins allowed, delayed and blocked requests, and stops at the predict cursor', () => {
    const { l } = cols([d(0, true), d(5, true, { delayMs: 3 }), d(8, false), d(999, false)]);
    const bins = trafficBins(l, 1000);
    expect(bins[0]).toEqual({ t: 0, allowed: 1, delayed: 1, blocked: 1 });
    expect(bins.reduce((n, b) => n + b.allowed + b.delayed + b.blocked, 0)).toBe(4);
    expect(trafficBins(l, 1000, 5).reduce((n, b) => n + b.allowed + b.delayed + b.blocked, 0)).toBe(2);
  });

  it('shows the boundary spike: 20 admitted within one window of a 10-per-second fixed window', () => {
    const ds = [...Array.from({ length: 10 }, (_, i) => d(990 + i, true)), ...Array.from({ length: 10 }, (_, i) => d(1000 + i, true))];
    const { l, strings } = cols(ds);
    const series = admittedInWindow(l, strings.indexOf('a'), 1000, 3000);
    expect(Math.max(...series.map((p) => p.admitted))).toBe(20);
    // Outside the window the count falls back: a request 1000 ms later sees only itself.
    const two = cols([d(0, true), d(1000, true)]);
    expect(Math.max(...admittedInWindow(two.l, two.strings.indexOf('a'), 1000, 3000).map((p) => p.admitted))).toBe(1);
  });

  it('follows the busiest key and skips absolute timestamps', () => {
    const { l, strings } = cols([
      d(1, true, { key: 'b', stateAfter: { tat: 5000, aheadMs: 3 } }),
      d(2, true, { key: 'b', stateAfter: { tat: 6000, aheadMs: 4 } }),
      d(3, true),
    ]);
    expect(strings[busiestKey(l)]).toBe('b');
    const s = stateSeries(l, busiestKey(l), 1000);
    expect(s.fields).toEqual(['aheadMs']);
    expect(s.points.map((p) => p.aheadMs)).toEqual([4]);
  });

  it('derives the judging window and limit from the rule', () => {
    expect(judgingWindowMs({ id: 'a', algorithm: 'fixed-window', limit: 3, windowMs: 500 })).toBe(500);
    expect(judgingWindowMs({ id: 'a', algorithm: 'token-bucket', capacity: 10, refillPerSecond: 5 })).toBe(2000);
    expect(ruleLimit({ id: 'a', algorithm: 'gcra', ratePerSecond: 1, burst: 4 })).toBe(4);
  });
});
