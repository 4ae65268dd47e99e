import type { Decision } from '@ratelab/algorithms';

/** Where a live decision came from: Redis, or the rule's onRedisDown policy because Redis was not usable. */
export type DecisionSource = 'redis' | 'allow' | 'deny' | 'local-fallback';

/** A decision of the live limiter, with the rule it applied and how it was reached. */
export interface LiveDecision extends Decision {
  rule: string;
  key: string;
  cost: number;
  source: DecisionSource;
  /** Why Redis was not used (breaker open, timeout, error), when source is not 'redis'. */
  reason?: string;
}
