// A fleet on a Redis Cluster, as behind a load balancer: two real server processes with REDIS_CLUSTER_NODES on a
// real local three-master cluster, over real HTTP. A rule written through one process is live on the other, both
// share its counters (keys on several masters), and a replay's namespace is gone from EVERY master afterwards.
// (cluster.test.ts covers one process's check, race and replay paths.)
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type LocalRedisCluster } from '../../../scripts/lib/redis-cluster.mjs';
import { ADMIN } from './test-support/harness.js';
import { getJson, spawnServer, type SpawnedServer } from './test-support/spawn-server.js';

let local: LocalRedisCluster;
let inspect: Cluster;
let a: SpawnedServer;
let b: SpawnedServer;
const admin = { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' };
const json = { 'Content-Type': 'application/json' };

beforeAll(async () => {
  local = await startRedisCluster();
  inspect = new Cluster(local.nodes, { scaleReads: 'master' });
  const env = { REDIS_CLUSTER_NODES: local.env, ADMIN_TOKEN: ADMIN };
  [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
}, 90_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await inspect?.quit();
  await local?.stop();
}, 30_000);

/** Every key matching `pattern` on every master (KEYS through a Cluster client asks only one node). */
async function keysOnAllMasters(pattern: string): Promise<string[]> {
  const masters = inspect.nodes('master');
  expect(masters).toHaveLength(3);
  return (await Promise.all(masters.map((node) => node.keys(pattern)))).flat();
}

const check = (s: SpawnedServer, rule: string, key: string) =>
  getJson<{ allowed: boolean; source: string }>(`${s.url}/v1/check`, { method: 'POST', headers: json, body: JSON.stringify({ rule, key }) });

describe('two server processes on a three-master Redis Cluster', () => {
  it('a rule PUT on one process is live on the other, and both share its counters', async () => {
    const put = await getJson(`${a.url}/v1/rules/fleet-pair`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ algorithm: 'sliding-log', limit: 2, windowMs: 60_000, onRedisDown: 'deny' }),
    });
    expect(put.status).toBe(200);
    const started = Date.now();
    let seen = await getJson(`${b.url}/v1/rules/fleet-pair`);
    while (seen.status !== 200 && Date.now() - started < 2000) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await getJson(`${b.url}/v1/rules/fleet-pair`);
    }
    expect(seen.status).toBe(200);
    // Several client keys, so the decisions land on different masters; each key has its own limit of 2.
    const keys = ['alice', 'bob', 'carol{x}', 'dave', 'erin', 'frank'];
    for (const key of keys) {
      const outcomes = [await check(a, 'fleet-pair', key), await check(b, 'fleet-pair', key), await check(a, 'fleet-pair', key)];
      expect(outcomes.map((o) => o.body.source), key).toEqual(['redis', 'redis', 'redis']);
      expect(outcomes.map((o) => o.body.allowed), key).toEqual([true, true, false]);
    }
    const stored = await keysOnAllMasters('rl:{*fleet-pair:*');
    expect(stored.length).toBeGreaterThanOrEqual(keys.length);
  });

  it('a replay on the cluster matches the simulator and leaves no key on any master', async () => {
    const scenario = {
      format: 1,
      durationMs: 2000,
      limiters: [
        { id: 'log', algorithm: 'sliding-log', limit: 2, windowMs: 1000 },
        { id: 'tb', algorithm: 'token-bucket', capacity: 2, refillPerSecond: 1 },
      ],
      clients: Array.from({ length: 6 }, (_, i) => ({ id: `c${i}`, arrivals: { kind: 'times', atMs: [0, 1, 2, 1500] } })),
    };
    const res = await getJson<{ engine: string; limiters: { decisions: unknown[] }[]; replay: { store: string; namespace: string; matchesSim: boolean } }>(
      `${b.url}/v1/replay`,
      { method: 'POST', headers: json, body: JSON.stringify(scenario) },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.replay).toMatchObject({ store: 'cluster', matchesSim: true });
    expect(res.body.limiters.reduce((n, l) => n + l.decisions.length, 0)).toBe(48);
    expect(res.body.replay.namespace.length).toBeGreaterThan(0);
    expect(await keysOnAllMasters(`*${res.body.replay.namespace}*`)).toEqual([]);
  });
});
