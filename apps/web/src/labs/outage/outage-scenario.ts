// The outage lab's scenario, kept free of simulator imports so tests can build the same scenario.
/** What the learner sets in the outage lab. */
export interface OutageSetup {
  replicas: number;
  faultKind: 'redis-down' | 'redis-slow';
  fromMs: number;
  toMs: number;
  extraLatencyMs: number;
  breaker: boolean;
  scope: 'local' | 'shared';
  failureThreshold: number;
  openMs: number;
  halfOpenProbes: number;
  onRedisDown: 'allow' | 'deny' | 'local-fallback';
}

export const OUTAGE_DURATION_MS = 6000;

/** One client over the limit the whole time (12 req/s against 5 tokens/s), so both kinds of mistake can show. */
export function outageScenario(s: OutageSetup, withFault: boolean): unknown {
  return {
    format: 1,
    id: 'outage-lab',
    title: 'Outage lab',
    seed: 1,
    durationMs: OUTAGE_DURATION_MS,
    limiters: [{ id: 'bucket', algorithm: 'token-bucket', capacity: 10, refillPerSecond: 5 }],
    clients: [{ id: 'api', key: 'shared', arrivals: { kind: 'steady', ratePerSecond: 12 } }],
    topology: { replicas: s.replicas, routing: 'round-robin', latencyMs: { min: 1, max: 1 }, clock: 'app' },
    faults: withFault
      ? [s.faultKind === 'redis-down'
          ? { kind: 'redis-down', fromMs: s.fromMs, toMs: s.toMs }
          : { kind: 'redis-slow', fromMs: s.fromMs, toMs: s.toMs, extraLatencyMs: s.extraLatencyMs }]
      : [],
    resilience: {
      ...(s.breaker ? { breaker: { scope: s.scope, failureThreshold: s.failureThreshold, openMs: s.openMs, halfOpenProbes: s.halfOpenProbes } } : {}),
      onRedisDown: s.onRedisDown,
    },
  };
}
