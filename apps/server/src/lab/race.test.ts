import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushDb, json, realUrl, startTestServer, type TestServer } from '../test-support/harness.js';
import { expectedAdmitted } from './race.js';

const labs = { rule: { id: 'labs', algorithm: 'token-bucket' as const, capacity: 1000, refillPerSecond: 1000, onRedisDown: 'allow' as const } };

interface RaceBody {
  trials: { admitted: number; blocked: number; errors: number; expected: number }[];
  expected: number;
  overAdmittingTrials: number;
  store: string;
}

describe('expectedAdmitted', () => {
  it('is the model count for simultaneous requests on a fresh key', () => {
    expect(expectedAdmitted({ algorithm: 'token-bucket', capacity: 5, refillPerSecond: 1 }, 20, 0)).toBe(5);
    expect(expectedAdmitted({ algorithm: 'fixed-window', limit: 7, windowMs: 1000 }, 3, 0)).toBe(3);
    expect(expectedAdmitted({ algorithm: 'gcra', ratePerSecond: 1, burst: 4 }, 10, 0)).toBe(4);
  });
});

for (const store of ['embedded', 'real'] as const) {
  describe(`POST /v1/race on the ${store} store`, () => {
    let server: TestServer;
    beforeAll(async () => {
      if (store === 'real') await flushDb(realUrl(6));
      server = await startTestServer({ ...(store === 'real' ? { url: realUrl(6) } : {}), labs });
    });
    afterAll(() => server.close());

    // ioredis-mock runs each script through fengari (a new Lua state per EVAL), so the embedded race is kept small.
    const requests = store === 'real' ? 60 : 25;
    const trials = store === 'real' ? 5 : 3;

    it('the atomic token bucket admits exactly its capacity in every trial', async () => {
      const res = await server.app.request('/v1/race', json({ algorithm: 'token-bucket', params: { capacity: 10, refillPerSecond: 1 }, replicas: 4, requests, trials }));
      expect(res.status).toBe(200);
      const body = (await res.json()) as RaceBody;
      expect(body.store).toBe(store === 'real' ? 'single' : 'embedded');
      expect(body.expected).toBe(10);
      expect(body.trials).toHaveLength(trials);
      for (const t of body.trials) expect(t).toMatchObject({ admitted: 10, blocked: requests - 10, errors: 0 });
      expect(body.overAdmittingTrials).toBe(0);
    });

    it('the naive bucket over-admits: its separate GETs and SETs let requests spend the same token', async () => {
      const res = await server.app.request('/v1/race', json({ algorithm: 'token-bucket-naive', params: { capacity: 10, refillPerSecond: 1 }, replicas: 4, requests, trials: 3 }));
      const body = (await res.json()) as RaceBody;
      expect(res.status).toBe(200);
      for (const t of body.trials) expect(t.errors).toBe(0);
      expect(body.overAdmittingTrials).toBeGreaterThan(0);
      expect(Math.max(...body.trials.map((t) => t.admitted))).toBeGreaterThan(10);
    });

    it('leaves no race keys behind', async () => {
      const keys = await server.handle.client.keys('rl:{race.*');
      expect(keys).toEqual([]);
    });
  });
}

describe('POST /v1/race bounds', () => {
  it('refuses oversized races and bad parameters with the path to fix', async () => {
    const server = await startTestServer({ labs });
    try {
      const big = await server.app.request('/v1/race', json({ algorithm: 'gcra', params: { ratePerSecond: 1, burst: 1 }, replicas: 9, requests: 201, trials: 11 }));
      expect(big.status).toBe(400);
      const issues = ((await big.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort();
      expect(issues).toEqual(['replicas', 'requests', 'trials']);
      const bad = await server.app.request('/v1/race', json({ algorithm: 'gcra', params: { ratePerSecond: -1 }, replicas: 1, requests: 1, trials: 1 }));
      expect(((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort()).toEqual(['params.burst', 'params.ratePerSecond']);
    } finally {
      await server.close();
    }
  });

  it('has its own rate limit', async () => {
    const server = await startTestServer({ labs: { rule: { id: 'labs', algorithm: 'fixed-window', limit: 1, windowMs: 60_000, onRedisDown: 'deny' } } });
    try {
      const body = { algorithm: 'fixed-window', params: { limit: 1, windowMs: 1000 }, replicas: 1, requests: 1, trials: 1 };
      expect((await server.app.request('/v1/race', json(body))).status).toBe(200);
      const second = await server.app.request('/v1/race', json(body));
      expect(second.status).toBe(429);
      expect(second.headers.get('Retry-After')).not.toBeNull();
    } finally {
      await server.close();
    }
  });
});

describe('POST /v1/race on the embedded store, at its largest', () => {
  it('opens every replica connection without Node warning about a listener leak', async () => {
    const server = await startTestServer({ labs });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      // Two labs at once, each with the most replicas: every connection is an ioredis-mock on one shared data set.
      const race = () => server.app.request('/v1/race', json({ algorithm: 'fixed-window', params: { limit: 5, windowMs: 60_000 }, replicas: 8, requests: 8, trials: 1 }));
      const answers = await Promise.all([race(), race()]);
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
      // Warnings are emitted on the next tick.
      await new Promise((r) => setTimeout(r, 10));
      expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      server.close();
    }
  });
});
