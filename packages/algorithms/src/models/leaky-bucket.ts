import { largestFit, smallestWait, type Decision } from '../decision.js';
import type { LeakyBucketParams } from '../rules.js';
import type { AlgorithmModel } from './model.js';

/**
 * Leaky bucket as a queue (a shaper): admitted requests wait their turn and drain at `leakPerSecond`.
 * Pro: a perfectly smooth output rate for the protected service; the caller learns exactly how long to wait.
 * Con: admitted requests are delayed rather than served at once, and a full queue blocks even a quiet client's
 * first burst; the level is a float that every engine must round the same way.
 */
export interface LeakyBucketState {
  level: number;
  lastMs: number;
}

/** The queue level after `elapsedMs` of draining, in the operation order every engine uses. */
export function drain(p: LeakyBucketParams, level: number, elapsedMs: number): number {
  return Math.max(0, level - (elapsedMs * p.leakPerSecond) / 1000);
}

export const leakyBucket: AlgorithmModel<LeakyBucketParams, LeakyBucketState> = {
  initial: (_p, tMs) => ({ level: 0, lastMs: tMs }),
  clone: (s) => ({ level: s.level, lastMs: s.lastMs }),
  describe: (p, s, tMs) => ({ level: drain(p, s.level, Math.max(0, tMs - s.lastMs)) }),
  decideInPlace(p, s, tMs, cost): Decision {
    const gap = Math.max(0, s.lastMs - tMs);
    let level = drain(p, s.level, Math.max(0, tMs - s.lastMs));
    const allowed = level + cost <= p.capacity;
    let delayMs = 0;
    if (allowed) {
      delayMs = Math.ceil((level * 1000) / p.leakPerSecond);
      level += cost;
    }
    s.level = level;
    s.lastMs = Math.max(s.lastMs, tMs);
    const retryAfterMs = allowed
      ? 0
      : gap +
        smallestWait(
          (d) => drain(p, level, d) + cost <= p.capacity,
          Math.ceil(((level + cost - p.capacity) * 1000) / p.leakPerSecond),
        );
    // "Full allowance again" is judged by the admission test itself (a request of cost = capacity fits), which in
    // floating point can happen a millisecond before the level is exactly 0.
    const full = (d: number) => drain(p, level, d) + p.capacity <= p.capacity;
    const resetMs = full(0) ? 0 : gap + smallestWait(full, Math.ceil((level * 1000) / p.leakPerSecond));
    const remaining = largestFit((n) => level + n <= p.capacity, Math.floor(p.capacity - level), p.capacity);
    return { allowed, remaining, limit: p.capacity, retryAfterMs, resetMs, delayMs };
  },
};
