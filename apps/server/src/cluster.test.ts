// Two real server processes on a real local three-master Redis Cluster (REDIS_CLUSTER_NODES), over real HTTP:
// rules written through one process are live on the other, both share one counter through the cluster, and the
// replay path runs a scenario on the cluster with the simulator's decisions and leaves no key on any master.
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

/** Every key matching `pattern` on every master (KEYS on a Cluster client would ask only one node). */
async function keysOnAllMasters(pattern: string): Promise<string[]> {
  const perNode = await Promise.all(inspect.nodes('master').map((node) => node.keys(pattern)));
  return perNode.flat();
}

const check = (s: SpawnedServer, rule: string, key: string) =>
  getJson<{ allowed: boolean }>(`${s.url}/v1/check`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rule, key }) });

describe('two server processes on a three-master Redis Cluster', () => {
  it('both use the cluster and report it up', async () => {
    expect(a.output()).toMatch(/store is cluster 127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+/);
    const health = await getJson<{ redis: string }>(`${b.url}/healthz`);
    expect(health.body.redis).toBe('up');
  });

  it('a rule PUT on one process is live on the other and both share its counters', async () => {
    const put = await getJson<{ version: number }>(`${a.url}/v1/rules/cluster-pair`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ algorithm: 'sliding-log', limit: 2, windowMs: 60_000, onRedisDown: 'deny' }),
    });
    expect(put.status).toBe(200);
    const started = Date.now();
    let seen = await getJson(`${b.url}/v1/rules/cluster-pair`);
    while (seen.status !== 200 && Date.now() - started < 2000) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await getJson(`${b.url}/v1/rules/cluster-pair`);
    }
    expect(seen.status).toBe(200);
    // Several client keys, so the decisions land on different masters; each key has its own limit of 2.
    for (const key of ['alice', 'bob', 'carol{x}', 'dave']) {
      const outcomes = [(await check(a, 'cluster-pair', key)).body.allowed, (await check(b, 'cluster-pair', key)).body.allowed, (await check(a, 'cluster-pair', key)).body.allowed];
      expect(outcomes, key).toEqual([true, true, false]);
    }
  });

  it('replays a scenario on the cluster with the simulator decisions and deletes its keys on every master', async () => {
    const scenario = {
      format: 1,
      durationMs: 2000,
      limiters: [
        { id: 'log', algorithm: 'sliding-log', limit: 2, windowMs: 1000 },
        { id: 'tb', algorithm: 'token-bucket', capacity: 2, refillPerSecond: 1 },
      ],
      clients: [
        { id: 'a', arrivals: { kind: 'times', atMs: [0, 1, 2, 1500] } },
        { id: 'b.x', arrivals: { kind: 'times', atMs: [0, 5, 10] } },
      ],
    };
    const res = await getJson<{ engine: string; limiters: { decisions: unknown[] }[]; replay: { store: string; namespace: string; matchesSim: boolean } }>(
      `${b.url}/v1/replay`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(scenario) },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.engine).toBe('redis');
    expect(res.body.replay.store).toBe('cluster');
    expect(res.body.replay.matchesSim).toBe(true);
    expect(res.body.limiters.reduce((n, l) => n + l.decisions.length, 0)).toBe(14);
    expect(await keysOnAllMasters(`*${res.body.replay.namespace}*`)).toEqual([]);
  });
});
