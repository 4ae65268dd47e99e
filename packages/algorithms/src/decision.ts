/**
 * What every engine returns for one request. A blocked request is a decision like any other, never an error.
 * The fields follow `algorithms.md`: whole units, whole milliseconds, never negative.
 */
export interface Decision {
  /** Whether the request may proceed. */
  allowed: boolean;
  /** Whole units still available right after this decision. */
  remaining: number;
  /** The rule's capacity, limit or burst: what `remaining` counts down from. */
  limit: number;
  /** 0 when allowed; otherwise the smallest whole number of ms after which the same request would be allowed. */
  retryAfterMs: number;
  /** Milliseconds until the key is back to its full allowance if no other request arrives. */
  resetMs: number;
  /** Leaky bucket only: how long an admitted request waits in the queue (0 when blocked). */
  delayMs?: number;
}

/**
 * The smallest whole `d >= 0` for which `ok(d)` holds, starting from an estimate that is off by at most a few
 * steps. Closed-form waits computed in floating point can land one millisecond early or late; checking the
 * candidate with the very predicate the decision uses makes "smallest" exact and identical on every engine.
 * `ok` must be monotone (false then true). The loops are bounded because the estimate is within a few units.
 */
export function smallestWait(ok: (d: number) => boolean, estimate: number): number {
  let d = Math.max(0, estimate);
  while (d > 0 && ok(d - 1)) d -= 1;
  while (!ok(d)) d += 1;
  return d;
}

/**
 * The largest whole `n` in `[0, max]` for which `ok(n)` holds (0 when none does), starting from an estimate.
 * `ok` must be monotone (true then false). Used for `remaining` where it is derived through floating point, so
 * that "remaining" is exactly the largest cost the very same admission test would let through right now.
 */
export function largestFit(ok: (n: number) => boolean, estimate: number, max: number): number {
  let n = Math.min(max, Math.max(0, estimate));
  while (n > 0 && !ok(n)) n -= 1;
  while (n < max && ok(n + 1)) n += 1;
  return n;
}
