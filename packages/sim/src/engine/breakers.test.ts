import { describe, expect, it } from 'vitest';
import { runScenario } from '../run.js';
import { parseScenario } from '../scenario/parse.js';
import type { Scenario } from '../scenario/types.js';

function scenario(scope: 'local' | 'shared'): Scenario {
  const r = parseScenario({
    format: 1,
    durationMs: 2000,
    limiters: [{ id: 'tb', algorithm: 'token-bucket', capacity: 100, refillPerSecond: 100 }],
    clients: [{ id: 'a', arrivals: { kind: 'steady', ratePerSecond: 100 } }],
    topology: { replicas: 2, routing: 'round-robin' },
    faults: [{ kind: 'redis-down', fromMs: 100, toMs: 700 }],
    resilience: { breaker: { scope, failureThreshold: 2, openMs: 250, halfOpenProbes: 1 }, onRedisDown: 'deny' },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario;
}

describe('circuit breakers in virtual time', () => {
  it('a shared breaker opens after 2 failures from any replica, half-opens exactly openMs later, and closes on a good probe', () => {
    const trace = runScenario(scenario('shared'));
    // Requests every 10 ms alternate replicas; Redis is down from 100: failures at 100 (r0) and 110 (r1) open it.
    expect(trace.breaker.map((t) => [t.tMs, t.replica, t.from, t.to])).toEqual([
      [110, 'shared', 'closed', 'open'],
      [360, 'shared', 'open', 'half-open'],
      [360, 'shared', 'half-open', 'open'],
      [610, 'shared', 'open', 'half-open'],
      [610, 'shared', 'half-open', 'open'],
      [860, 'shared', 'open', 'half-open'],
      [860, 'shared', 'half-open', 'closed'],
    ]);
    const d = trace.limiters[0]!.decisions;
    expect(d.filter((x) => x.fallbackReason === 'redis-error').map((x) => x.tMs)).toEqual([100, 110, 360, 610]);
    // Fail-closed while open tells the client when the breaker half-opens (360 ms).
    expect(d.find((x) => x.tMs === 120)).toMatchObject({ allowed: false, fallback: 'deny', fallbackReason: 'breaker-open', retryAfterMs: 240 });
    expect(d.find((x) => x.tMs === 100)).toMatchObject({ allowed: false, fallback: 'deny', fallbackReason: 'redis-error', retryAfterMs: 0 });
    expect(d.find((x) => x.tMs === 870)?.fallback).toBeUndefined();
  });

  it('local breakers each need their own failures before they open', () => {
    const trace = runScenario(scenario('local'));
    const opened = trace.breaker.filter((t) => t.to === 'open' && t.from === 'closed').map((t) => [t.tMs, t.replica]);
    // Replica 0 sees requests at 100, 120, ...; replica 1 at 110, 130, ...: each opens on its second failure.
    expect(opened).toEqual([
      [120, 0],
      [130, 1],
    ]);
    expect(trace.limiters[0]!.summary.breakerTransitions).toEqual({ '0': 7, '1': 7 });
  });
});
