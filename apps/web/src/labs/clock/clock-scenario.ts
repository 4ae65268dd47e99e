// The clock lab's scenario, kept free of simulator imports so tests can build the same scenario.
export type ClockAlgorithm = 'fixed-window' | 'token-bucket';

export interface ClockSetup {
  algorithm: ClockAlgorithm;
  /** Per replica, added to its app clock (ms). */
  skewMs: number[];
  clock: 'app' | 'redis';
}

export const CLOCK_LIMIT = 10;
export const CLOCK_DURATION_MS = 4000;

/** Heavy traffic on one key, spread round-robin over the replicas, so the limit is always the binding constraint. */
export function clockScenario(s: ClockSetup, clock: 'app' | 'redis'): unknown {
  const limiter =
    s.algorithm === 'fixed-window'
      ? { id: 'limiter', algorithm: 'fixed-window', limit: CLOCK_LIMIT, windowMs: 1000 }
      : { id: 'limiter', algorithm: 'token-bucket', capacity: CLOCK_LIMIT, refillPerSecond: CLOCK_LIMIT };
  return {
    format: 1,
    id: 'clock-lab',
    title: 'Clock lab',
    seed: 1,
    durationMs: CLOCK_DURATION_MS,
    limiters: [limiter],
    clients: [{ id: 'api', key: 'shared', arrivals: { kind: 'steady', ratePerSecond: 40 } }],
    topology: { replicas: s.skewMs.length, routing: 'round-robin', latencyMs: { min: 0, max: 0 }, clockSkewMs: s.skewMs, clock },
  };
}
