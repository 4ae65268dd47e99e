// The server over TLS to a real Redis: a TLS-only Redis Cluster (REDIS_CLUSTER_TLS) and a single TLS-only
// redis-server (rediss:// REDIS_URL), both with certificates from a private CA (REDIS_TLS_CA_FILE), as separate
// server processes. Without the CA the server cannot verify the nodes and says which variable to set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type LocalRedisCluster } from '../../../scripts/lib/redis-cluster.mjs';
// @ts-expect-error: plain JavaScript helper shared with the test and bench scripts
import { freePort, startRedis } from '../../../scripts/lib/redis-server.mjs';
import { makeTestCertificates, type TestCertificates } from '../../../scripts/lib/tls-certs.mjs';
import { ADMIN } from './test-support/harness.js';
import { getJson, spawnServer } from './test-support/spawn-server.js';

let certs: TestCertificates;
let cluster: LocalRedisCluster;
let single: { port: number; stop(): Promise<void> };
const headers = { 'Content-Type': 'application/json' };

beforeAll(async () => {
  certs = await makeTestCertificates();
  cluster = await startRedisCluster({ tls: certs });
  // The chosen port becomes the TLS port and plain TCP is off (the later --port wins); startRedis waits for it.
  const port = (await freePort()) as number;
  const tls = ['--tls-port', String(port), '--tls-cert-file', certs.cert, '--tls-key-file', certs.key, '--tls-ca-cert-file', certs.ca, '--tls-auth-clients', 'no'];
  single = await startRedis({ port, extraArgs: ['--port', '0', ...tls] });
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  await single?.stop();
  certs?.remove();
});

/** One decision through the server: the demo rule (a seeded token bucket) on key `a`. */
async function decide(url: string) {
  return getJson<{ allowed: boolean; source: string }>(`${url}/v1/check`, { method: 'POST', headers, body: JSON.stringify({ rule: 'demo', key: 'a' }) });
}

describe('the server over TLS', () => {
  it('decides on a TLS-only cluster with REDIS_CLUSTER_TLS=1 and the private CA', async () => {
    const s = await spawnServer({ REDIS_CLUSTER_NODES: cluster.env, REDIS_CLUSTER_TLS: '1', REDIS_TLS_CA_FILE: certs.ca, ADMIN_TOKEN: ADMIN });
    try {
      expect(s.output()).toMatch(/store is cluster 127\.0\.0\.1:\d+.* over TLS/);
      expect((await getJson<{ redis: string }>(`${s.url}/healthz`)).body.redis).toBe('up');
      expect((await decide(s.url)).body).toMatchObject({ allowed: true, source: 'redis' });
    } finally {
      await s.stop();
    }
  });

  it('decides on a TLS-only redis-server with a rediss:// REDIS_URL and the private CA', async () => {
    const s = await spawnServer({ REDIS_URL: `rediss://127.0.0.1:${single.port}`, REDIS_TLS_CA_FILE: certs.ca, ADMIN_TOKEN: ADMIN });
    try {
      expect((await getJson<{ redis: string }>(`${s.url}/healthz`)).body.redis).toBe('up');
      expect((await decide(s.url)).body).toMatchObject({ allowed: true, source: 'redis' });
    } finally {
      await s.stop();
    }
  });

  it('without the CA, cannot verify Redis and says to set REDIS_TLS_CA_FILE (cluster and single)', async () => {
    const cases: { env: Record<string, string>; says: RegExp }[] = [
      { env: { REDIS_CLUSTER_NODES: cluster.env, REDIS_CLUSTER_TLS: '1' }, says: /If the nodes use a private CA, set REDIS_TLS_CA_FILE/ },
      { env: { REDIS_URL: `rediss://127.0.0.1:${single.port}` }, says: /If Redis uses a private CA, set REDIS_TLS_CA_FILE/ },
    ];
    for (const { env, says } of cases) {
      const s = await spawnServer({ ...env, ADMIN_TOKEN: ADMIN });
      try {
        // Bounded wait (10 s) for the one-time message; meanwhile requests get the rule's onRedisDown answer.
        for (let i = 0; i < 100 && !s.output().includes('does not trust'); i += 1) await new Promise((r) => setTimeout(r, 100));
        expect(s.output()).toMatch(/Redis presented a TLS certificate this server does not trust \(self[- ]signed certificate[^)]*\)\./);
        expect(s.output()).toMatch(says);
        expect((await getJson<{ redis: string }>(`${s.url}/healthz`)).body.redis).not.toBe('up');
        expect((await decide(s.url)).body.source).not.toBe('redis');
      } finally {
        await s.stop();
      }
    }
  });
});
