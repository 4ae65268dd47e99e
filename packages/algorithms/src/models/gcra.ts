import { largestFit, smallestWait, type Decision } from '../decision.js';
import type { GcraParams } from '../rules.js';
import type { AlgorithmModel } from './model.js';

/**
 * GCRA (generic cell rate algorithm): one stored number, the theoretical arrival time `tat`.
 * Pro: a token bucket's behaviour in a single value per key, no refill arithmetic, cheap in Redis.
 * Con: harder to explain ("theoretical arrival time"), and "remaining" has to be derived rather than read.
 * It stores no last-seen time: a skewed (late) request meets a later `tat` and is treated more strictly, never
 * more generously, so skew cannot mint capacity.
 */
export interface GcraState {
  tat: number;
}

/** How far the theoretical arrival time is ahead of `tMs`: exactly 0 for an idle key. */
function aheadOf(tat: number, tMs: number): number {
  return Math.max(tat, tMs) - tMs;
}

/**
 * The admission test. `algorithms.md` writes it `newTat - t <= burst * T` with `newTat = max(tat, t) + cost * T`;
 * this is the same inequality rearranged to `ahead <= (burst - cost) * T`. The literal form computes
 * `(t + cost * T) - t`, which rounds above `cost * T` for some rates (0.05000000000000001/s, for one), and then a
 * request of cost = burst is refused even on an idle key, forever. The rearranged form compares 0 with 0 there.
 */
function admits(p: GcraParams, tat: number, tMs: number, cost: number): boolean {
  return aheadOf(tat, tMs) <= (p.burst - cost) * (1000 / p.ratePerSecond);
}

export const gcra: AlgorithmModel<GcraParams, GcraState> = {
  initial: (_p, tMs) => ({ tat: tMs }),
  clone: (s) => ({ tat: s.tat }),
  describe: (_p, s, tMs) => ({ tat: s.tat, aheadMs: aheadOf(s.tat, tMs) }),
  decideInPlace(p, s, tMs, cost): Decision {
    const interval = 1000 / p.ratePerSecond;
    const allowed = admits(p, s.tat, tMs, cost);
    if (allowed) s.tat = Math.max(s.tat, tMs) + cost * interval;
    const ahead = aheadOf(s.tat, tMs);
    // The largest cost the same test would admit now: exact, whatever the rounding of ahead / interval.
    const remaining = largestFit((n) => admits(p, s.tat, tMs, n), Math.floor(p.burst - ahead / interval), p.burst);
    const retryAfterMs = allowed
      ? 0
      : smallestWait((d) => admits(p, s.tat, tMs + d, cost), Math.ceil(ahead - (p.burst - cost) * interval));
    return { allowed, remaining, limit: p.burst, retryAfterMs, resetMs: Math.ceil(ahead) };
  },
};
