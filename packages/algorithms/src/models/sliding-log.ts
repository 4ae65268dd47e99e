import type { Decision } from '../decision.js';
import type { SlidingLogParams } from '../rules.js';
import type { AlgorithmModel } from './model.js';

/**
 * Sliding log: every admitted request's time and cost, kept for `windowMs`; the window is `(t - windowMs, t]`.
 * Pro: exact: never more than `limit` in any window of `windowMs`, no boundary spike.
 * Con: memory grows with the traffic (one entry per request); and whether a rejected request is logged
 * (`countRejected`) decides whether a client that keeps retrying keeps itself blocked.
 */
export interface SlidingLogState {
  /** Entry times (ms), oldest first; entries before `head` have left the window. */
  times: number[];
  costs: number[];
  head: number;
  /** Sum of the costs of the entries still in the window. */
  logged: number;
  lastMs: number;
}

/** Drops entries that left the window at `now`; compacts the arrays now and then so the hot path stays O(1). */
function expire(p: SlidingLogParams, s: SlidingLogState, now: number): void {
  const edge = now - p.windowMs;
  while (s.head < s.times.length && (s.times[s.head] as number) <= edge) {
    s.logged -= s.costs[s.head] as number;
    s.head += 1;
  }
  if (s.head > 64 && s.head * 2 > s.times.length) {
    s.times = s.times.slice(s.head);
    s.costs = s.costs.slice(s.head);
    s.head = 0;
  }
}

export const slidingLog: AlgorithmModel<SlidingLogParams, SlidingLogState> = {
  initial: (_p, tMs) => ({ times: [], costs: [], head: 0, logged: 0, lastMs: tMs }),
  clone: (s) => ({ times: s.times.slice(s.head), costs: s.costs.slice(s.head), head: 0, logged: s.logged, lastMs: s.lastMs }),
  describe(p, s, tMs) {
    const edge = Math.max(tMs, s.lastMs) - p.windowMs;
    let logged = 0;
    let entries = 0;
    for (let i = s.head; i < s.times.length; i += 1) {
      if ((s.times[i] as number) > edge) {
        logged += s.costs[i] as number;
        entries += 1;
      }
    }
    return { logged, entries };
  },
  decideInPlace(p, s, tMs, cost): Decision {
    const now = Math.max(tMs, s.lastMs);
    expire(p, s, now);
    const allowed = s.logged + cost <= p.limit;
    if (allowed || p.countRejected) {
      s.times.push(now);
      s.costs.push(cost);
      s.logged += cost;
    }
    s.lastMs = now;
    let retryAfterMs = 0;
    if (!allowed) {
      // Walk from the oldest entry: once enough cost has left the window, the request fits.
      let left = s.logged;
      for (let i = s.head; i < s.times.length; i += 1) {
        left -= s.costs[i] as number;
        if (left + cost <= p.limit) {
          retryAfterMs = (s.times[i] as number) + p.windowMs - tMs;
          break;
        }
      }
    }
    const newest = s.times.length > s.head ? (s.times[s.times.length - 1] as number) : undefined;
    return {
      allowed,
      remaining: Math.max(0, p.limit - s.logged),
      limit: p.limit,
      retryAfterMs,
      resetMs: newest === undefined ? 0 : newest + p.windowMs - tMs,
    };
  },
};
