import type { Decision } from '../decision.js';
import type { FixedWindowParams } from '../rules.js';
import type { AlgorithmModel } from './model.js';

/**
 * Fixed window: a counter per clock-aligned window of `windowMs`.
 * Pro: the cheapest there is (one integer per key), and easy to explain.
 * Con: the boundary spike: `limit` requests at the end of one window and `limit` more at the start of the next
 * pass, so up to twice the limit gets through in any span of `windowMs`.
 */
export interface FixedWindowState {
  window: number;
  count: number;
  lastMs: number;
}

export const fixedWindow: AlgorithmModel<FixedWindowParams, FixedWindowState> = {
  initial: (p, tMs) => ({ window: Math.floor(tMs / p.windowMs), count: 0, lastMs: tMs }),
  clone: (s) => ({ window: s.window, count: s.count, lastMs: s.lastMs }),
  describe: (p, s, tMs) => ({ count: Math.floor(Math.max(tMs, s.lastMs) / p.windowMs) === s.window ? s.count : 0 }),
  decideInPlace(p, s, tMs, cost): Decision {
    // A skewed (late) request is counted in the newest window this key has seen, never in an older one.
    const now = Math.max(tMs, s.lastMs);
    const window = Math.floor(now / p.windowMs);
    if (window !== s.window) {
      s.window = window;
      s.count = 0;
    }
    const allowed = s.count + cost <= p.limit;
    if (allowed) s.count += cost;
    s.lastMs = now;
    const toNextWindow = (window + 1) * p.windowMs - tMs;
    return {
      allowed,
      remaining: p.limit - s.count,
      limit: p.limit,
      retryAfterMs: allowed ? 0 : toNextWindow,
      resetMs: s.count === 0 ? 0 : toNextWindow,
    };
  },
};
