// The server on a real Redis Cluster (REDIS_CLUSTER_NODES), as a separate process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinScenario, BUILTIN_SCENARIOS } from '@ratelab/sim';
import { startRedisCluster, type LocalRedisCluster } from '../../../scripts/lib/redis-cluster.mjs';
import { ADMIN } from './test-support/harness.js';
import { getJson, spawnServer, waitForOutput, type SpawnedServer } from './test-support/spawn-server.js';

let cluster: LocalRedisCluster;
let server: SpawnedServer;
const headers = { 'Content-Type': 'application/json' };

beforeAll(async () => {
  cluster = await startRedisCluster();
  server = await spawnServer({ REDIS_CLUSTER_NODES: cluster.env, ADMIN_TOKEN: ADMIN });
}, 90_000);
afterAll(async () => {
  await server?.stop();
  await cluster?.stop();
});

describe('the server on a Redis Cluster', () => {
  it('starts, seeds rules, and decides on the cluster', async () => {
    expect(server.output()).toMatch(/store is cluster 127\.0\.0\.1:/);
    const health = await getJson<{ redis: string; rulesVersion: number }>(`${server.url}/healthz`);
    expect(health.body).toMatchObject({ redis: 'up', rulesVersion: 1 });
    const put = await getJson(`${server.url}/v1/rules/c1`, { method: 'PUT', headers: { ...headers, Authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ algorithm: 'sliding-counter', limit: 2, windowMs: 60_000 }) });
    expect(put.status).toBe(200);
    const outcomes = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await getJson<{ allowed: boolean; source: string }>(`${server.url}/v1/check`, { method: 'POST', headers, body: JSON.stringify({ rule: 'c1', key: `{tricky}:${i > 5}` }) });
      expect(r.body.source).toBe('redis');
      outcomes.push(r.body.allowed);
    }
    expect(outcomes).toEqual([true, true, false]);
  });

  it('races and replays on the cluster', async () => {
    const race = await getJson<{ trials: { admitted: number }[] }>(`${server.url}/v1/race`, { method: 'POST', headers, body: JSON.stringify({ algorithm: 'token-bucket', params: { capacity: 5, refillPerSecond: 1 }, replicas: 3, requests: 30, trials: 2 }) });
    expect(race.status).toBe(200);
    expect(race.body.trials.map((t) => t.admitted)).toEqual([5, 5]);
    const scenario = builtinScenario(BUILTIN_SCENARIOS[0]!.id);
    const replay = await getJson<{ replay: { matchesSim: boolean; store: string } }>(`${server.url}/v1/replay`, { method: 'POST', headers, body: JSON.stringify(scenario) });
    expect(replay.status).toBe(200);
    expect(replay.body.replay).toMatchObject({ matchesSim: true, store: 'cluster' });
  });
});

describe('the server on a Redis Cluster that requires a password', () => {
  let locked: LocalRedisCluster;
  beforeAll(async () => {
    locked = await startRedisCluster({ password: 'cluster pass 1' });
  }, 90_000);
  afterAll(async () => {
    await locked?.stop();
  });

  it('decides on it with REDIS_CLUSTER_PASSWORD', async () => {
    const s = await spawnServer({ REDIS_CLUSTER_NODES: locked.env, REDIS_CLUSTER_PASSWORD: 'cluster pass 1', ADMIN_TOKEN: ADMIN });
    try {
      expect(s.output()).toMatch(/store is cluster 127\.0\.0\.1:\d+.* as default with a password/);
      expect(s.output()).not.toContain('cluster pass 1');
      const health = await getJson<{ redis: string }>(`${s.url}/healthz`);
      expect(health.body.redis).toBe('up');
      const r = await getJson<{ allowed: boolean; source: string }>(`${s.url}/v1/check`, { method: 'POST', headers, body: JSON.stringify({ rule: 'demo', key: 'a' }) });
      expect(r.body).toMatchObject({ allowed: true, source: 'redis' });
    } finally {
      await s.stop();
    }
  });

  it('says which variable to set when the password is missing or wrong', async () => {
    for (const env of [{}, { REDIS_CLUSTER_PASSWORD: 'wrong' }] as Record<string, string>[]) {
      const s = await spawnServer({ REDIS_CLUSTER_NODES: locked.env, ADMIN_TOKEN: ADMIN, ...env });
      try {
        // The message is printed once; the server keeps serving onRedisDown meanwhile.
        await waitForOutput(s, 'refused this server');
        expect(s.output()).toMatch(/Redis refused this server's credentials \((NOAUTH|WRONGPASS)[^)]*\)\. Set REDIS_CLUSTER_PASSWORD/);
        const health = await getJson<{ redis: string }>(`${s.url}/healthz`);
        expect(health.body.redis).not.toBe('up');
      } finally {
        await s.stop();
      }
    }
  });
});

describe('the server on a Redis Cluster whose nodes announce names it cannot resolve', () => {
  let hidden: LocalRedisCluster;
  beforeAll(async () => {
    hidden = await startRedisCluster({ announceHostnames: true });
  }, 90_000);
  afterAll(async () => {
    await hidden?.stop();
  });

  it('decides on it with REDIS_CLUSTER_NAT_MAP, and cannot without', async () => {
    const natMap = hidden.ports.map((port, i) => `node-${i + 1}.ratelab-cluster.invalid:${port}=127.0.0.1:${port}`).join(',');
    const mapped = await spawnServer({ REDIS_CLUSTER_NODES: hidden.env, REDIS_CLUSTER_NAT_MAP: natMap, ADMIN_TOKEN: ADMIN });
    try {
      expect(mapped.output()).toMatch(/store is cluster 127\.0\.0\.1:\d+.*, 3 NAT-mapped address\(es\)/);
      expect((await getJson<{ redis: string }>(`${mapped.url}/healthz`)).body.redis).toBe('up');
      const r = await getJson<{ allowed: boolean; source: string }>(`${mapped.url}/v1/check`, { method: 'POST', headers, body: JSON.stringify({ rule: 'demo', key: 'a' }) });
      expect(r.body).toMatchObject({ allowed: true, source: 'redis' });
    } finally {
      await mapped.stop();
    }
    const unmapped = await spawnServer({ REDIS_CLUSTER_NODES: hidden.env, ADMIN_TOKEN: ADMIN });
    try {
      await waitForOutput(unmapped, 'REDIS_CLUSTER_NAT_MAP');
      expect(unmapped.output()).toMatch(/node-\d\.ratelab-cluster\.invalid.*REDIS_CLUSTER_NAT_MAP/s);
      expect((await getJson<{ redis: string }>(`${unmapped.url}/healthz`)).body.redis).not.toBe('up');
    } finally {
      await unmapped.stop();
    }
  });
});
