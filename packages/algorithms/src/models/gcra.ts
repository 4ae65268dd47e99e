import { smallestWait, type Decision } from '../decision.js';
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

/** The admission test of `algorithms.md`, shared by the decision and the retry search so they cannot disagree. */
function admits(p: GcraParams, tat: number, tMs: number, cost: number): boolean {
  const interval = 1000 / p.ratePerSecond;
  return Math.max(tat, tMs) + cost * interval - tMs <= p.burst * interval;
}

export const gcra: AlgorithmModel<GcraParams, GcraState> = {
  initial: (_p, tMs) => ({ tat: tMs }),
  clone: (s) => ({ tat: s.tat }),
  describe: (_p, s, tMs) => ({ tat: s.tat, aheadMs: Math.max(0, s.tat - tMs) }),
  decideInPlace(p, s, tMs, cost): Decision {
    const interval = 1000 / p.ratePerSecond;
    const newTat = Math.max(s.tat, tMs) + cost * interval;
    const allowed = newTat - tMs <= p.burst * interval;
    if (allowed) s.tat = newTat;
    const ahead = Math.max(s.tat, tMs) - tMs;
    const remaining = Math.max(0, Math.floor((p.burst * interval - ahead) / interval));
    const retryAfterMs = allowed
      ? 0
      : smallestWait((d) => admits(p, s.tat, tMs + d, cost), Math.ceil(s.tat + cost * interval - p.burst * interval - tMs));
    return { allowed, remaining, limit: p.burst, retryAfterMs, resetMs: Math.ceil(ahead) };
  },
};
