import type { LiveRule } from './live-rule.js';

/**
 * Rules written into an empty store at first start, so the playground and the demo route have something to
 * protect. They are never written over a store that already has a version: what a user wrote wins.
 */
export const DEFAULT_RULES: LiveRule[] = [
  { id: 'demo', algorithm: 'token-bucket', capacity: 10, refillPerSecond: 2, onRedisDown: 'local-fallback' },
  { id: 'strict', algorithm: 'sliding-log', limit: 5, windowMs: 10_000, countRejected: false, onRedisDown: 'deny' },
  { id: 'open', algorithm: 'fixed-window', limit: 100, windowMs: 1000, onRedisDown: 'allow' },
  { id: 'smooth', algorithm: 'gcra', ratePerSecond: 5, burst: 5, onRedisDown: 'local-fallback' },
];
