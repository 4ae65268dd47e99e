import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse.js';

const minimal = {
  format: 1,
  durationMs: 1000,
  limiters: [{ id: 'tb', algorithm: 'token-bucket', capacity: 5, refillPerSecond: 5 }],
  clients: [{ id: 'a', arrivals: { kind: 'times', atMs: [0, 10] } }],
};

function issues(input: unknown) {
  const r = parseScenario(input);
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.issues;
}

describe('parseScenario', () => {
  it('accepts a minimal scenario and fills in every default', () => {
    const r = parseScenario(minimal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.seed).toBe(1);
    expect(r.scenario.topology).toEqual({ replicas: 1, routing: 'round-robin', latencyMs: { min: 0, max: 0 }, clock: 'app' });
    expect(r.scenario.resilience).toEqual({ onRedisDown: 'deny' });
    expect(r.scenario.faults).toEqual([]);
    expect(r.scenario.clients[0]?.cost).toBe(1);
    expect(r.scenario.clients[0]?.retry).toEqual({ policy: 'none' });
  });

  it('accepts the JSON text as well as the object, and rejects text that is not JSON', () => {
    expect(parseScenario(JSON.stringify(minimal)).ok).toBe(true);
    const bad = issues('{ "format": 1, ');
    expect(bad).toHaveLength(1);
    expect(bad[0]?.message).toMatch(/not valid JSON/);
    expect(issues('[1,2]')[0]?.message).toMatch(/JSON object/);
  });

  it('reports every problem at once, each with its JSON path', () => {
    const bad = issues({
      ...minimal,
      surprise: true,
      durationMs: -5,
      limiters: [
        { id: 'fw', algorithm: 'fixed-window', limit: 10 },
        { id: 'x', algorithm: 'magic-bucket', limit: 1 },
        { id: 'tb', algorithm: 'token-bucket', capacity: 0, refillPerSecond: 5, colour: 'red' },
      ],
      clients: [{ id: 'a', arrivals: { kind: 'steady', ratePerSecond: -1 } }],
    });
    const paths = bad.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['', 'durationMs', 'limiters[0].windowMs', 'limiters[1].algorithm', 'limiters[2].capacity', 'limiters[2]', 'clients[0].arrivals.ratePerSecond']),
    );
    expect(bad.find((i) => i.path === '')?.message).toMatch(/surprise/);
    expect(bad.find((i) => i.path === 'limiters[1].algorithm')?.message).toMatch(/token-bucket/);
    expect(bad.find((i) => i.path === 'limiters[2]')?.message).toMatch(/colour/);
  });

  it('runs the cross-field checks: cost above capacity, fromMs >= toMs, skew per replica, unique ids, times inside the run', () => {
    const bad = issues({
      ...minimal,
      limiters: [
        { id: 'tb', algorithm: 'token-bucket', capacity: 5, refillPerSecond: 5 },
        { id: 'tb', algorithm: 'sliding-log', limit: 3, windowMs: 1000 },
      ],
      clients: [
        { id: 'a', cost: 4, arrivals: { kind: 'times', atMs: [0, 1000] } },
        { id: 'a', arrivals: { kind: 'poisson', ratePerSecond: 5, fromMs: 500, toMs: 500 } },
      ],
      topology: { replicas: 2, clockSkewMs: [0], latencyMs: { min: 5, max: 1 } },
      faults: [{ kind: 'redis-down', fromMs: 800, toMs: 200 }],
    });
    const byPath = Object.fromEntries(bad.map((i) => [i.path, i.message]));
    expect(byPath['limiters[1].id']).toMatch(/already used/);
    expect(byPath['clients[1].id']).toMatch(/already used/);
    expect(byPath['clients[0].cost']).toMatch(/cost 4 can never be allowed by limiter "tb".*limit of 3/);
    expect(byPath['clients[0].arrivals.atMs[1]']).toMatch(/not before durationMs/);
    expect(byPath['clients[1].arrivals.fromMs']).toMatch(/must be before toMs/);
    expect(byPath['topology.clockSkewMs']).toMatch(/one skew per replica: 2 entries, got 1/);
    expect(byPath['topology.latencyMs.min']).toMatch(/must not be above/);
    expect(byPath['faults[0].fromMs']).toMatch(/must be before toMs/);
  });

  it('enforces the size limits so a hostile file cannot hang a tab', () => {
    expect(issues({ ...minimal, durationMs: 10 ** 12 }).map((i) => i.path)).toEqual(['durationMs']);
    const many = issues({ ...minimal, durationMs: 86_400_000, clients: [{ id: 'a', arrivals: { kind: 'steady', ratePerSecond: 100_000 } }] });
    expect(many.map((i) => i.path)).toEqual(['clients']);
    expect(many[0]?.message).toMatch(/limit is 200000/);
    const clients = Array.from({ length: 1001 }, (_, i) => ({ id: `c${i}`, arrivals: { kind: 'times', atMs: [1] } }));
    expect(issues({ ...minimal, clients }).map((i) => i.path)).toContain('clients');
    expect(issues({ ...minimal, clients: [{ id: 'a', arrivals: { kind: 'times', atMs: [1] }, retry: { policy: 'fixed', delayMs: 1, maxAttempts: 1000 } }] }).map((i) => i.path)).toEqual([
      'clients[0].retry.maxAttempts',
    ]);
    expect(issues('x'.repeat(1_000_001))[0]?.message).toMatch(/limit is 1000000/);
  });

  it('lets trusted callers raise the limits explicitly', () => {
    const big = { ...minimal, durationMs: 100_000, clients: [{ id: 'a', arrivals: { kind: 'steady', ratePerSecond: 5000 } }] };
    expect(parseScenario(big).ok).toBe(false);
    expect(parseScenario(big, { limits: { maxArrivals: 1_000_000 } }).ok).toBe(true);
  });
});
