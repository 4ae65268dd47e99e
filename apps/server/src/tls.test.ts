// The server over TLS to a real Redis: a TLS-only Redis Cluster that also requires client certificates, as Redis does
// by default (REDIS_CLUSTER_TLS, REDIS_TLS_CERT_FILE, REDIS_TLS_KEY_FILE), and a single TLS-only redis-server
// (rediss:// REDIS_URL), both with certificates from a private CA (REDIS_TLS_CA_FILE), as separate server
// processes. Without the CA, or without a client certificate, the server says which variable to set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type LocalRedisCluster } from '../../../scripts/lib/redis-cluster.mjs';
// @ts-expect-error: plain JavaScript helper shared with the test and bench scripts
import { freePort, startRedis } from '../../../scripts/lib/redis-server.mjs';
import { makeTestCertificates, type TestCertificates } from '../../../scripts/lib/tls-certs.mjs';
import { ADMIN } from './test-support/harness.js';
import { getJson, spawnServer, waitForOutput } from './test-support/spawn-server.js';

let certs: TestCertificates;
let cluster: LocalRedisCluster;
let single: { port: number; stop(): Promise<void> };
const headers = { 'Content-Type': 'application/json' };

beforeAll(async () => {
  certs = await makeTestCertificates();
  cluster = await startRedisCluster({ tls: { ...certs, requireClientCert: true } });
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

/** The cluster's settings: TLS, the private CA, and the client certificate its nodes require. */
const clusterTls = (): Record<string, string> => ({
  REDIS_CLUSTER_NODES: cluster.env,
  REDIS_CLUSTER_TLS: '1',
  REDIS_TLS_CA_FILE: certs.ca,
  REDIS_TLS_CERT_FILE: certs.clientCert,
  REDIS_TLS_KEY_FILE: certs.clientKey,
});

/** One decision through the server: the demo rule (a seeded token bucket) on key `a`. */
async function decide(url: string) {
  return getJson<{ allowed: boolean; source: string }>(`${url}/v1/check`, { method: 'POST', headers, body: JSON.stringify({ rule: 'demo', key: 'a' }) });
}

describe('the server over TLS', () => {
  it('decides on a TLS-only cluster with REDIS_CLUSTER_TLS=1, the private CA and a client certificate', async () => {
    const s = await spawnServer({ ...clusterTls(), ADMIN_TOKEN: ADMIN });
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
    const { REDIS_TLS_CA_FILE: _ca, ...withoutCa } = clusterTls();
    const cases: { env: Record<string, string>; says: RegExp }[] = [
      { env: withoutCa, says: /If the nodes use a private CA, set REDIS_TLS_CA_FILE/ },
      { env: { REDIS_URL: `rediss://127.0.0.1:${single.port}` }, says: /If Redis uses a private CA, set REDIS_TLS_CA_FILE/ },
    ];
    for (const { env, says } of cases) {
      const s = await spawnServer({ ...env, ADMIN_TOKEN: ADMIN });
      try {
        await waitForOutput(s, 'does not trust');
        expect(s.output()).toMatch(/Redis presented a TLS certificate this server does not trust \(self[- ]signed certificate[^)]*\)\./);
        expect(s.output()).toMatch(says);
        expect((await getJson<{ redis: string }>(`${s.url}/healthz`)).body.redis).not.toBe('up');
        expect((await decide(s.url)).body.source).not.toBe('redis');
      } finally {
        await s.stop();
      }
    }
  });

  it('without a client certificate, is refused by the cluster and says to set REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE', async () => {
    const { REDIS_TLS_CERT_FILE: _cert, REDIS_TLS_KEY_FILE: _key, ...withoutClientCert } = clusterTls();
    const s = await spawnServer({ ...withoutClientCert, ADMIN_TOKEN: ADMIN });
    try {
      await waitForOutput(s, 'without a client certificate');
      expect(s.output()).toMatch(/Redis refused this server without a client certificate it accepts \([^)]*certificate[^)]*\)\. Redis requires a client certificate: set REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE/);
      expect((await getJson<{ redis: string }>(`${s.url}/healthz`)).body.redis).not.toBe('up');
    } finally {
      await s.stop();
    }
  });
});
