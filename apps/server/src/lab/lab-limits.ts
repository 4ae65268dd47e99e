import type { LiveRule } from '../rules/live-rule.js';

/** Bounds of the replay and race labs, so a visitor cannot make the server do unbounded work. */
export interface LabLimits {
  /** Most replicas (separate connections) in one race (default 8). */
  maxRaceReplicas: number;
  /** Most simultaneous requests per race trial (default 200). */
  maxRaceRequests: number;
  /** Most trials per race (default 10). */
  maxRaceTrials: number;
  /** Most decisions a replay may make, counted by a dry run on the pure models first (default 5000; 1000 on the embedded store). */
  maxReplayDecisions: number;
  /** Wall-clock budget of one race or replay in ms; a race stops starting trials after it (default 10000). */
  timeBudgetMs: number;
  /** Labs running at once in this process; more get 503 busy (default 2). */
  maxConcurrent: number;
  /** The labs' own rate limit per client address. */
  rule: LiveRule;
}

export function defaultLabLimits(embedded: boolean): LabLimits {
  return {
    maxRaceReplicas: 8,
    maxRaceRequests: 200,
    maxRaceTrials: 10,
    maxReplayDecisions: embedded ? 1000 : 5000,
    timeBudgetMs: 10_000,
    maxConcurrent: 2,
    rule: { id: 'ratelab-labs', algorithm: 'token-bucket', capacity: 20, refillPerSecond: 0.5, onRedisDown: 'deny' },
  };
}
