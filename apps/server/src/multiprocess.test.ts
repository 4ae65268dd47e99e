// Two real server processes on the real test Redis: shared rules, hot reload, shared counters, restarts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, flushDb, realUrl } from './test-support/harness.js';
import { getJson, spawnServer, type SpawnedServer } from './test-support/spawn-server.js';

const url = realUrl(8);
const env = { REDIS_URL: url, ADMIN_TOKEN: ADMIN };
const admin = { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' };
let a: SpawnedServer;
let b: SpawnedServer;

beforeAll(async () => {
  await flushDb(url);
  [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const check = (s: SpawnedServer, rule: string, key: string) =>
  getJson<{ allowed: boolean; source: string }>(`${s.url}/v1/check`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rule, key }) });

describe('two server processes sharing one Redis', () => {
  it('both start on the real store and see each other by heartbeat', async () => {
    expect(a.output()).toMatch(/store is redis:\/\/127\.0\.0\.1/);
    expect(a.output()).not.toMatch(/generated one/);
    let health = await getJson<{ redis: string; processes: number }>(`${b.url}/healthz`);
    for (let i = 0; i < 30 && health.body.processes < 2; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      health = await getJson(`${b.url}/healthz`);
    }
    expect(health.body).toMatchObject({ redis: 'up', processes: 2 });
  });

  it('a PUT on one is live on the other within one second, without a restart', async () => {
    const put = await getJson<{ version: number }>(`${a.url}/v1/rules/shared-pair`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ algorithm: 'fixed-window', limit: 2, windowMs: 3_600_000, onRedisDown: 'deny' }),
    });
    expect(put.status).toBe(200);
    const started = Date.now();
    let seen = await getJson(`${b.url}/v1/rules/shared-pair`);
    while (seen.status !== 200 && Date.now() - started < 1000) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await getJson(`${b.url}/v1/rules/shared-pair`);
    }
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: 'shared-pair', version: put.body.version });
    // The two processes share the counter: two allowed in total, wherever they land.
    const outcomes = [(await check(a, 'shared-pair', 'k')).body.allowed, (await check(b, 'shared-pair', 'k')).body.allowed, (await check(a, 'shared-pair', 'k')).body.allowed];
    expect(outcomes).toEqual([true, true, false]);
  });

  it('a DELETE on one is applied by the other', async () => {
    const del = await getJson(`${b.url}/v1/rules/strict`, { method: 'DELETE', headers: admin });
    expect(del.status).toBe(200);
    const started = Date.now();
    let seen = await getJson(`${a.url}/v1/rules/strict`);
    while (seen.status !== 404 && Date.now() - started < 1000) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await getJson(`${a.url}/v1/rules/strict`);
    }
    expect(seen.status).toBe(404);
  });

  it('rules survive a restart, and defaults are not seeded over what users wrote', async () => {
    expect(await b.stop()).toBe(0);
    b = await spawnServer(env, b.port);
    const rules = await getJson<{ rules: { id: string }[] }>(`${b.url}/v1/rules`);
    const ids = rules.body.rules.map((r) => r.id);
    expect(ids).toContain('shared-pair');
    expect(ids).not.toContain('strict');
    expect(b.output()).not.toMatch(/seeded/);
  });
});
