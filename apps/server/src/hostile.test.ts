import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, json, put, startTestServer, type TestServer } from './test-support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ labs: { rule: { id: 'labs', algorithm: 'token-bucket', capacity: 1000, refillPerSecond: 1000, onRedisDown: 'allow' } } });
});
afterAll(() => server.close());

/** Sends a request and checks the contract: never a 5xx, and every error is the one JSON shape. */
async function expectClientSafe(path: string, init: RequestInit): Promise<number> {
  const res = await server.app.request(path, init);
  expect(res.status, `${init.method} ${path} ${String(init.body).slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(typeof body.error.code).toBe('string');
    expect(typeof body.error.message).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  }
  return res.status;
}

const ROUTES: [string, (body: string) => RequestInit][] = [
  ['/v1/check', (b) => json(b)],
  ['/v1/rules/fuzz', (b) => put(b)],
  ['/v1/race', (b) => json(b)],
  ['/v1/replay', (b) => json(b)],
];

const LUA_KEYS = [
  `"); redis.call('FLUSHALL') --`,
  "]] redis.call('SET','pwned','1') --[[",
  'KEYS[1]',
  '{tag}:}{:{',
  '*',
  'a\u0000b',
  '\u001b[31mred',
  'ключ-🔑',
  ' '.repeat(10),
];

describe('hostile input never produces a 5xx', () => {
  it('random JSON values, on every POST/PUT route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.json({ maxDepth: 3 }), async ([path, init], body) => {
        await expectClientSafe(path, init(body));
      }),
      { numRuns: 150 },
    );
  });

  it('random strings that are mostly not JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.string({ maxLength: 200 }), async ([path, init], body) => {
        await expectClientSafe(path, init(body));
      }),
      { numRuns: 150 },
    );
  });

  it('objects shaped like the real bodies with random field values', async () => {
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));
    await fc.assert(
      fc.asyncProperty(fc.record({ rule: value, key: value, cost: value }, { requiredKeys: [] }), async (body) => {
        await expectClientSafe('/v1/check', json(body));
      }),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ algorithm: fc.oneof(value, fc.constantFrom('token-bucket', 'gcra', 'sliding-log', 'token-bucket-naive')), capacity: value, refillPerSecond: value, limit: value, windowMs: value, onRedisDown: value }, { requiredKeys: [] }),
        async (body) => {
          await expectClientSafe('/v1/rules/fuzz', put(body));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('prototype-pollution keys are refused and pollute nothing', async () => {
    const bodies = [
      '{"__proto__": {"polluted": true}, "rule": "demo", "key": "a"}',
      '{"constructor": {"prototype": {"polluted": true}}, "rule": "demo", "key": "a"}',
      '{"rule": "demo", "key": "a", "__proto__": null}',
    ];
    for (const body of bodies) {
      expect(await expectClientSafe('/v1/check', json(body))).toBe(400);
      expect(await expectClientSafe('/v1/rules/demo', put(body.replace('"rule": "demo", "key": "a"', '"algorithm": "gcra", "ratePerSecond": 1, "burst": 1')))).toBe(400);
      expect(await expectClientSafe('/v1/race', json(body))).toBe(400);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await expectClientSafe('/v1/rules/__proto__', put({ algorithm: 'gcra', ratePerSecond: 1, burst: 1 }))).toBe(400);
    expect(await expectClientSafe('/v1/rules/constructor', { method: 'GET' })).toBe(404);
  });

  it('huge keys are refused before Redis; Lua-looking keys are plain data', async () => {
    expect(await expectClientSafe('/v1/check', json({ rule: 'demo', key: 'k'.repeat(257) }))).toBe(400);
    expect(await expectClientSafe('/v1/check', json({ rule: 'demo', key: 'k'.repeat(100_000) }))).toBe(413);
    expect(await expectClientSafe(`/v1/demo/demo?key=${'k'.repeat(5000)}`, { method: 'GET' })).toBe(400);
    for (const key of LUA_KEYS) {
      const status = await expectClientSafe('/v1/check', json({ rule: 'open', key }));
      expect([200, 400]).toContain(status);
      await expectClientSafe(`/v1/demo/open?key=${encodeURIComponent(key)}`, { method: 'GET' });
    }
    // The store still works and nothing was flushed or set by a "script" in a key.
    expect(await server.handle.client.get('pwned')).toBeNull();
    const rules = (await (await server.app.request('/v1/rules')).json()) as { rules: unknown[] };
    expect(rules.rules.length).toBeGreaterThanOrEqual(4);
  });

  it('hostile admin headers and rule ids', async () => {
    for (const header of ['', 'Bearer', 'Bearer ' + 'x'.repeat(10_000), 'bearer test-admin-token-012345678', `Bearer ${auth.Authorization.slice(7)} extra`]) {
      const status = await expectClientSafe('/v1/rules/x', put({ algorithm: 'gcra', ratePerSecond: 1, burst: 1 }, header ? { Authorization: header } : {}));
      expect([401, 403]).toContain(status);
    }
    for (const id of ['a'.repeat(49), 'UPPER', '-lead', 'sp%20ace', 'a%00b', '%7B%7D']) {
      expect(await expectClientSafe(`/v1/rules/${id}`, put({ algorithm: 'gcra', ratePerSecond: 1, burst: 1 }))).toBe(400);
    }
  });
});
