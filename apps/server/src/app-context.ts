import type { ServerConfig } from './config.js';
import type { LabLimits } from './lab/lab-limits.js';
import type { LiveLimiter } from './live/live-limiter.js';
import type { EventHub } from './observability/event-hub.js';
import type { Metrics } from './observability/metrics.js';
import type { RedisHandle, ServerRedis } from './redis/connect.js';
import type { Breaker } from './resilience/breaker.js';
import type { Heartbeats } from './resilience/heartbeats.js';
import type { RuleStore } from './rules/rule-store.js';

/** Everything the routes share, built once by createApp. */
export interface AppContext {
  config: ServerConfig;
  handle: RedisHandle;
  /** The main client, wrapped so every call is bounded by redisTimeoutMs and timed. */
  redis: ServerRedis;
  rules: RuleStore;
  live: LiveLimiter;
  breaker: Breaker;
  heartbeats: Heartbeats;
  metrics: Metrics;
  hub: EventHub;
  labs: LabLimits;
  /** Labs running now (bounded by labs.maxConcurrent). */
  labsRunning: { count: number };
  clock: () => number;
  log: (line: string) => void;
}
