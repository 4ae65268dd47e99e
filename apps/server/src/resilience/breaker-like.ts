export type BreakerStateName = 'closed' | 'open' | 'half-open';

/** What the live limiter needs from a circuit breaker guarding Redis. */
export interface BreakerLike {
  readonly state: BreakerStateName;
  /** Whether a Redis call may be made now; while half-open this also counts the call as a probe. */
  tryAttempt(): boolean;
  success(): void;
  failure(): void;
  /** Milliseconds until an open breaker lets a probe through (0 unless open). */
  remainingOpenMs(): number;
}

/** No breaker: every call goes to Redis (used by user apps that do not want one, and by tests). */
export const NO_BREAKER: BreakerLike = {
  state: 'closed',
  tryAttempt: () => true,
  success: () => {},
  failure: () => {},
  remainingOpenMs: () => 0,
};
