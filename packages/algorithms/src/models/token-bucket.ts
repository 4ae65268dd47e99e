import { smallestWait } from '../decision.js';
import type { TokenBucketParams } from '../rules.js';
import type { AlgorithmModel } from './model.js';

/**
 * Token bucket: a bucket of `capacity` tokens refilled continuously at `refillPerSecond`.
 * Pro: lets a quiet client save up a burst, one 16-byte string per key in Redis, O(1) per decision.
 * Con: a full bucket admits `capacity` at once, so bursts are allowed by design; the refill is fractional,
 * so the stored count is a float that every engine must round the same way.
 */
export interface TokenBucketState {
  tokens: number;
  lastMs: number;
}

/** Tokens after `elapsedMs` of refill, in the operation order `algorithms.md` fixes for every engine. */
export function refill(p: TokenBucketParams, tokens: number, elapsedMs: number): number {
  return Math.min(p.capacity, tokens + (elapsedMs * p.refillPerSecond) / 1000);
}

export const tokenBucket: AlgorithmModel<TokenBucketParams, TokenBucketState> = {
  initial: (p, tMs) => ({ tokens: p.capacity, lastMs: tMs }),
  clone: (s) => ({ tokens: s.tokens, lastMs: s.lastMs }),
  describe: (p, s, tMs) => ({ tokens: refill(p, s.tokens, Math.max(0, tMs - s.lastMs)) }),
  decideInPlace(p, s, tMs, cost) {
    // Time never runs backwards for a key: a late (skewed) request sees the bucket as of the latest time seen.
    const gap = Math.max(0, s.lastMs - tMs);
    let tokens = refill(p, s.tokens, Math.max(0, tMs - s.lastMs));
    const allowed = tokens >= cost;
    if (allowed) tokens -= cost;
    s.tokens = tokens;
    s.lastMs = Math.max(s.lastMs, tMs);
    const retryAfterMs = allowed
      ? 0
      : gap + smallestWait((d) => refill(p, tokens, d) >= cost, Math.ceil(((cost - tokens) * 1000) / p.refillPerSecond));
    const resetMs =
      tokens >= p.capacity
        ? 0
        : gap + smallestWait((d) => refill(p, tokens, d) >= p.capacity, Math.ceil(((p.capacity - tokens) * 1000) / p.refillPerSecond));
    return { allowed, remaining: Math.floor(tokens), limit: p.capacity, retryAfterMs, resetMs };
  },
};
