import type { Rule } from '@ratelab/algorithms';
import type { ArrivalSpec } from './arrivals-estimate.js';

/**
 * A limiter in a scenario: a rule of `algorithms.md` plus an id unique within the scenario, and optional
 * overrides of the scenario's `topology.clock` and `resilience` for this limiter only.
 */
export type ScenarioLimiter = Rule & { id: string; clock?: 'app' | 'redis'; resilience?: Resilience };

export type RetrySpec =
  | { policy: 'none' }
  | { policy: 'fixed'; delayMs: number; maxAttempts: number; jitter: 'none' | 'full' }
  | { policy: 'exponential'; baseMs: number; maxDelayMs: number; maxAttempts: number; jitter: 'none' | 'full' }
  | { policy: 'retry-after'; maxAttempts: number; jitter: 'none' | 'full' };

export interface ScenarioClient {
  id: string;
  arrivals: ArrivalSpec;
  /** The limiter key (default: the client id). */
  key?: string;
  /** Units per request (default 1). */
  cost: number;
  /** What the client does when blocked (default: no retry). */
  retry: RetrySpec;
}

export interface Topology {
  /** Application replicas between the clients and Redis (default 1). */
  replicas: number;
  /** How requests are spread over replicas (default round-robin). */
  routing: 'round-robin' | 'random' | 'by-client';
  /** One-way latency replica <-> Redis, drawn uniformly per leg (default 0..0). */
  latencyMs: { min: number; max: number };
  /** Per replica, added to its app clock (default all 0). */
  clockSkewMs?: number[];
  /** 'app': the replica's clock is the decision time; 'redis': the time the command reaches Redis (default app). */
  clock: 'app' | 'redis';
}

export type Fault =
  | { kind: 'redis-down'; fromMs: number; toMs: number }
  | { kind: 'redis-slow'; fromMs: number; toMs: number; extraLatencyMs: number };

export interface BreakerSpec {
  scope: 'local' | 'shared';
  failureThreshold: number;
  openMs: number;
  halfOpenProbes: number;
}

export interface Resilience {
  breaker?: BreakerSpec;
  /** What decides when Redis is not consulted or fails (default deny). */
  onRedisDown: 'allow' | 'deny' | 'local-fallback';
}

/** A validated scenario (format 1) with every default filled in. */
export interface Scenario {
  format: 1;
  id?: string;
  title: string;
  lesson?: string;
  notice?: string;
  seed: number;
  durationMs: number;
  limiters: ScenarioLimiter[];
  clients: ScenarioClient[];
  topology: Topology;
  faults: Fault[];
  resilience: Resilience;
}

export type { ArrivalSpec };

/** The bare rule of a scenario limiter (without its id), as `createLimiter` and `MemoryLimiter` accept it. */
export function ruleOf(limiter: ScenarioLimiter): Rule {
  const { id: _id, clock: _clock, resilience: _resilience, ...rule } = limiter;
  return rule as Rule;
}
