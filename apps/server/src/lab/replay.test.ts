import { BUILTIN_SCENARIOS, compareTraces, runScenario, type Trace } from '@ratelab/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushDb, json, realUrl, startTestServer, type TestServer } from '../test-support/harness.js';

const labs = { rule: { id: 'labs', algorithm: 'token-bucket' as const, capacity: 1000, refillPerSecond: 1000, onRedisDown: 'allow' as const } };

type ReplayBody = Trace & { replay: { store: string; namespace: string; matchesSim: boolean } };

describe('POST /v1/replay on the real Redis', () => {
  let server: TestServer;
  beforeAll(async () => {
    await flushDb(realUrl(7));
    server = await startTestServer({ url: realUrl(7), labs });
  });
  afterAll(() => server.close());

  it.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))('%s: same decisions as the sim engine, namespace deleted', async (_id, scenario) => {
    const res = await server.app.request('/v1/replay', json(scenario));
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReplayBody;
    expect(body.engine).toBe('redis');
    expect(body.replay.store).toBe('single');
    const sim = runScenario(scenario, { engine: 'sim' });
    const comparison = compareTraces(sim, body);
    expect(comparison.same ? 'same' : comparison.first.explanation).toBe('same');
    expect(body.replay.matchesSim).toBe(true);
    expect(body.limiters.reduce((n, l) => n + l.decisions.length, 0)).toBeGreaterThan(0);
    expect(await server.handle.client.keys(`*${body.replay.namespace}*`)).toEqual([]);
  });
});

describe('POST /v1/replay bounds and bad input', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ labs: { ...labs, maxReplayDecisions: 50 } });
  });
  afterAll(() => server.close());

  it('runs on the embedded store with the lua engine', async () => {
    const small = { format: 1, durationMs: 1000, limiters: [{ id: 'tb', algorithm: 'token-bucket', capacity: 3, refillPerSecond: 1 }], clients: [{ id: 'a', arrivals: { kind: 'times', atMs: [0, 1, 2, 3, 500] } }] };
    const res = await server.app.request('/v1/replay', json(small));
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReplayBody;
    expect(body.engine).toBe('lua');
    expect(body.limiters[0]?.decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(body.replay.matchesSim).toBe(true);
  });

  it('refuses a scenario with more decisions than the live store replays, before touching Redis', async () => {
    const big = BUILTIN_SCENARIOS.find((s) => runScenario(s).limiters.reduce((n, l) => n + l.decisions.length, 0) > 50);
    const res = await server.app.request('/v1/replay', json(big));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'replay_too_large' } });
  });

  it('rejects invalid scenarios with JSON paths', async () => {
    const res = await server.app.request('/v1/replay', json({ format: 1, durationMs: -5, limiters: [{ id: 'x', algorithm: 'nope' }], clients: [] }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('invalid_scenario');
    expect(body.error.issues.length).toBeGreaterThan(0);
    expect((await server.app.request('/v1/replay', json('not json'))).status).toBe(400);
    expect((await server.app.request('/v1/replay', json('{"__proto__": {"x": 1}}'))).status).toBe(400);
  });
});
