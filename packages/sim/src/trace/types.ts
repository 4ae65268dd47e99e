import type { AlgorithmName, Rule } from '@ratelab/algorithms';
import type { Fault, Resilience } from '../scenario/types.js';

/** Why a decision was made without Redis's answer. */
export type FallbackReason = 'redis-error' | 'breaker-open';

/**
 * One decision of one limiter. Field order is fixed (the JSON is compared byte for byte). Optional fields are
 * present only when they carry information: `nowMs` when the limiter's clock differed from virtual time (skew),
 * `arrivalMs` when the decision was made later than the request arrived (latency), `cost` when it is not 1.
 */
export interface TraceDecision {
  /** Virtual time at which the decision was made (at Redis for scripts, at the replica for the naive bucket and fallbacks). */
  tMs: number;
  client: string;
  key: string;
  replica: number;
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  allowed: boolean;
  remaining: number;
  retryAfterMs: number;
  /** Leaky bucket: how long the admitted request waits in the queue. */
  delayMs?: number;
  cost?: number;
  /** The time the algorithm was given, when it differs from tMs (app clock with skew or latency). */
  nowMs?: number;
  /** When the request (this attempt) arrived at its replica, if earlier than tMs. */
  arrivalMs?: number;
  /** Set when Redis was not consulted or failed and `onRedisDown` decided. */
  fallback?: 'allow' | 'deny' | 'local';
  fallbackReason?: FallbackReason;
  /** One plain-language line ("blocked: 0.4 tokens left, next token in 600 ms"). Omitted in lean runs. */
  explanation?: string;
  /** The model's describe() numbers before and after this decision. Omitted in lean runs. */
  stateBefore?: Record<string, number>;
  stateAfter?: Record<string, number>;
}

export interface ClientSummary {
  requests: number;
  allowed: number;
  blocked: number;
  /** Attempts after the first. */
  retries: number;
}

export interface LimiterSummary {
  requests: number;
  allowed: number;
  blocked: number;
  /** Decisions made by `onRedisDown` because Redis failed or the breaker was open. */
  fallbacks: { allow: number; deny: number; local: number };
  /** The span maxAllowedInAnyWindow is measured over: windowMs, or for buckets the time to refill from empty. */
  windowMs: number;
  /** Most units allowed for one key in any span of `windowMs` (requests when every cost is 1). */
  maxAllowedInAnyWindow: number;
  /** What a perfect sliding log (same limit, same window, one replica) admits for the same attempts. */
  idealAllowed: number;
  /** Units admitted above that ideal, summed over keys. */
  admittedBeyondIdeal: number;
  /** Blocked streaks per client and how long until the next allowed request. */
  recovery: { streaks: number; recovered: number; maxMs: number; meanMs: number };
  clients: Record<string, ClientSummary & { maxRecoveryMs: number }>;
  /** Per limiter key (in order of first decision): allowed units, the most in any window, and what the ideal log admitted. */
  keys: Record<string, { allowedUnits: number; maxAllowedInAnyWindow: number; idealAllowed: number }>;
  /** Breaker state changes per replica ("shared" for a shared breaker). */
  breakerTransitions: Record<string, number>;
  /** Allowed and blocked counts per time bucket, for charts. */
  series: { bucketMs: number; allowed: number[]; blocked: number[] };
}

export interface TraceLimiter {
  id: string;
  algorithm: AlgorithmName;
  rule: Rule;
  /** The clock this limiter decided with (the scenario's, or the limiter's own override). */
  clock: 'app' | 'redis';
  /** The failure handling in force for this limiter. */
  resilience: Resilience;
  decisions: TraceDecision[];
  summary: LimiterSummary;
}

export interface BreakerTransition {
  limiter: string;
  tMs: number;
  replica: number | 'shared';
  from: 'closed' | 'open' | 'half-open';
  to: 'closed' | 'open' | 'half-open';
}

export type EngineName = 'sim' | 'lua' | 'redis';

export interface Trace {
  format: 1;
  scenario: string | null;
  title: string;
  engine: EngineName;
  seed: number;
  durationMs: number;
  /** 'full' has explanations and state snapshots; 'lean' (big runs) only the decision fields. */
  detail: 'full' | 'lean';
  limiters: TraceLimiter[];
  breaker: BreakerTransition[];
  faults: Fault[];
  /** Set when a limiter hit the decision limit and the run stopped early. */
  truncated?: true;
}
