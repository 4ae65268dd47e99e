import { largestFit, type Decision } from '../decision.js';
import type { SlidingCounterParams } from '../rules.js';
import type { AlgorithmModel } from './model.js';

/**
 * Sliding counter: two fixed-window counts, the previous one weighted by how much of it still overlaps
 * the sliding window. `estimate = previous * (windowMs - into) / windowMs + current`.
 * Pro: two integers per key, and most of the boundary spike is gone.
 * Con: an approximation: it assumes the previous window's traffic was spread evenly, so it can admit a little
 * more or less than an exact sliding log would.
 */
export interface SlidingCounterState {
  window: number;
  current: number;
  previous: number;
  lastMs: number;
}

/** The counts as they stand in window `w` (rolling over when the key has moved on). */
function rolled(s: SlidingCounterState, w: number): { current: number; previous: number } {
  if (w === s.window) return { current: s.current, previous: s.previous };
  if (w === s.window + 1) return { current: 0, previous: s.current };
  return { current: 0, previous: 0 };
}

/** The estimate of `algorithms.md` at time `now`, in its fixed operation order. */
function estimateAt(p: SlidingCounterParams, s: SlidingCounterState, now: number): number {
  const w = Math.floor(now / p.windowMs);
  const into = now - w * p.windowMs;
  const { current, previous } = rolled(s, w);
  return (previous * (p.windowMs - into)) / p.windowMs + current;
}

export const slidingCounter: AlgorithmModel<SlidingCounterParams, SlidingCounterState> = {
  initial: (p, tMs) => ({ window: Math.floor(tMs / p.windowMs), current: 0, previous: 0, lastMs: tMs }),
  clone: (s) => ({ window: s.window, current: s.current, previous: s.previous, lastMs: s.lastMs }),
  describe(p, s, tMs) {
    const now = Math.max(tMs, s.lastMs);
    const { current, previous } = rolled(s, Math.floor(now / p.windowMs));
    return { estimate: estimateAt(p, s, now), current, previous };
  },
  decideInPlace(p, s, tMs, cost): Decision {
    const now = Math.max(tMs, s.lastMs);
    const w = Math.floor(now / p.windowMs);
    const counts = rolled(s, w);
    s.window = w;
    s.current = counts.current;
    s.previous = counts.previous;
    s.lastMs = now;
    const estimate = estimateAt(p, s, now);
    const allowed = estimate + cost <= p.limit;
    if (allowed) s.current += cost;
    let retryAfterMs = 0;
    if (!allowed) {
      // The estimate never rises while no request arrives, so a binary search over whole milliseconds finds the
      // smallest wait. By the start of window w + 2 both counts are zero and any valid cost fits.
      let lo = now - tMs + 1;
      let hi = (w + 2) * p.windowMs - tMs;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (estimateAt(p, s, tMs + mid) + cost <= p.limit) hi = mid;
        else lo = mid + 1;
      }
      retryAfterMs = lo;
    }
    // Re-estimated from the updated counts, exactly as the next request will see them.
    const after = estimateAt(p, s, now);
    const remaining = largestFit((n) => after + n <= p.limit, Math.floor(p.limit - after), p.limit);
    const resetMs = s.current > 0 ? (w + 2) * p.windowMs - tMs : s.previous > 0 ? (w + 1) * p.windowMs - tMs : 0;
    return { allowed, remaining, limit: p.limit, retryAfterMs, resetMs };
  },
};
