import type { Decision } from '../decision.js';
import type { Rule } from '../rules.js';
import type { BatchOptions } from './batch.js';

/** What `check` resolves to: the decision, the time it was made at (ms) and the client key. */
export interface CheckResult extends Decision {
  /** The decision time: the caller's `nowMs`, the app clock, or Redis TIME. */
  tMs: number;
  key: string;
}

export interface CheckOptions {
  /** Units this request consumes (default 1). */
  cost?: number;
  /** Decide at this time (ms) instead of reading a clock: replays and simulations pass virtual time here. */
  nowMs?: number;
}

export interface LimiterOptions {
  /** Key namespace, one per rule or per run (default 'default'). */
  prefix?: string;
  /** 'redis' reads Redis TIME inside the script, 'app' uses this process's clock (default 'redis'). */
  clock?: 'redis' | 'app';
  /** The app clock, for `clock: 'app'` (default `Date.now`). */
  now?: () => number;
  /** TTL of the keys in ms (default: how long the rule's state matters, plus one second). */
  keyTtlMs?: number;
  /** Decide the checks queued while Redis is busy together, one script call per Cluster slot (default false). */
  batch?: boolean | BatchOptions;
}

/** A rate limiter bound to one rule and one Redis. */
export interface Limiter {
  readonly rule: Rule;
  readonly prefix: string;
  /** Decides one request. Resolves for allowed and blocked alike; rejects only when Redis fails. */
  check(key: string, options?: CheckOptions): Promise<CheckResult>;
  /** The Redis keys a decision for `key` touches (all in one Cluster slot). */
  keysFor(key: string): string[];
  /** Redis round trips made so far by this limiter (for tests and benchmarks). */
  readonly roundTrips: number;
}
