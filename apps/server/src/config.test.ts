import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('parseConfig', () => {
  it('defaults to port 8787, the embedded store and a generated admin token', () => {
    const r = parseConfig({}, () => 'generated-token');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.port).toBe(8787);
    expect(r.config.redis).toEqual({ kind: 'embedded' });
    expect(r.config.adminToken).toBe('generated-token');
    expect(r.config.adminTokenGenerated).toBe(true);
    expect(r.config.breaker).toEqual({ scope: 'local', failureThreshold: 5, openMs: 2000, halfOpenProbes: 1 });
  });

  it('reads a real Redis, a cluster, CORS origins and the breaker scope', () => {
    const single = parseConfig({ REDIS_URL: 'redis://127.0.0.1:6380', ADMIN_TOKEN: 'a-long-enough-token!', BREAKER_SCOPE: 'shared' });
    expect(single.ok && single.config.redis).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6380' });
    expect(single.ok && single.config.breaker.scope).toBe('shared');
    expect(single.ok && single.config.adminTokenGenerated).toBe(false);
    const cluster = parseConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7001', CORS_ORIGIN: 'https://a.example,http://localhost:5173' });
    expect(cluster.ok && cluster.config.redis).toEqual({ kind: 'cluster', nodes: [{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7001 }] });
    expect(cluster.ok && cluster.config.corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
  });

  it('lists every problem with the variable to change', () => {
    const r = parseConfig({
      PORT: 'eighty',
      REDIS_TIMEOUT_MS: '0',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.join('\n')).toMatch(/PORT must be a whole number from 0 to 65535 \(got "eighty"\)/);
    expect(r.problems.join('\n')).toMatch(/REDIS_TIMEOUT_MS/);
    const both = parseConfig({ REDIS_URL: 'redis://x:1', REDIS_CLUSTER_NODES: 'x:1' });
    expect(!both.ok && both.problems[0]).toMatch(/not both/);
    const bad = parseConfig({ REDIS_URL: 'http://x', ADMIN_TOKEN: 'short', BREAKER_SCOPE: 'global', REDIS_CLUSTER_NODES: '' , CORS_ORIGIN: 'example.com/path' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.some((p) => p.startsWith('REDIS_URL must look like'))).toBe(true);
    expect(bad.problems.some((p) => p.startsWith('ADMIN_TOKEN must be'))).toBe(true);
    expect(bad.problems.some((p) => p.startsWith('BREAKER_SCOPE'))).toBe(true);
    expect(bad.problems.some((p) => p.startsWith('CORS_ORIGIN'))).toBe(true);
  });

  it('reads a cluster password (and ACL user) only with REDIS_CLUSTER_NODES', () => {
    const withPassword = parseConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000', REDIS_CLUSTER_USERNAME: 'app', REDIS_CLUSTER_PASSWORD: 's3cret pass' });
    expect(withPassword.ok && withPassword.config.redis).toEqual({ kind: 'cluster', nodes: [{ host: '10.0.0.1', port: 7000 }], username: 'app', password: 's3cret pass' });
    const single = parseConfig({ REDIS_URL: 'redis://x:1', REDIS_CLUSTER_PASSWORD: 'p' });
    expect(!single.ok && single.problems[0]).toMatch(/REDIS_CLUSTER_PASSWORD applies to REDIS_CLUSTER_NODES only; for one Redis put the credentials in REDIS_URL/);
    const userOnly = parseConfig({ REDIS_CLUSTER_NODES: 'x:1', REDIS_CLUSTER_USERNAME: 'app' });
    expect(!userOnly.ok && userOnly.problems[0]).toMatch(/without REDIS_CLUSTER_PASSWORD/);
    const control = parseConfig({ REDIS_CLUSTER_NODES: 'x:1', REDIS_CLUSTER_PASSWORD: 'a\nb' });
    expect(!control.ok && control.problems[0]).toMatch(/REDIS_CLUSTER_PASSWORD must be 1 to 512 characters without control characters/);
  });

  it('reads TLS for a cluster and a private CA for it or for a rediss:// URL, reading the CA file once', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const files: Record<string, string> = { '/etc/ca.pem': pem, '/etc/not-a-cert': 'hello' };
    const read = (path: string) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return files[path]!;
    };
    const parse = (env: Record<string, string>) => parseConfig(env, () => 'token', read);
    const cluster = parse({ REDIS_CLUSTER_NODES: 'x:1', REDIS_CLUSTER_TLS: '1', REDIS_TLS_CA_FILE: '/etc/ca.pem' });
    expect(cluster.ok && cluster.config.redis).toEqual({ kind: 'cluster', nodes: [{ host: 'x', port: 1 }], tls: { ca: pem } });
    const systemCas = parse({ REDIS_CLUSTER_NODES: 'x:1', REDIS_CLUSTER_TLS: 'true' });
    expect(systemCas.ok && systemCas.config.redis).toEqual({ kind: 'cluster', nodes: [{ host: 'x', port: 1 }], tls: {} });
    const single = parse({ REDIS_URL: 'rediss://u:p@h:6380', REDIS_TLS_CA_FILE: '/etc/ca.pem' });
    expect(single.ok && single.config.redis).toEqual({ kind: 'single', url: 'rediss://u:p@h:6380', tls: { ca: pem } });
    const problem = (env: Record<string, string>) => {
      const r = parse(env);
      return r.ok ? '' : r.problems.join('\n');
    };
    expect(problem({ REDIS_URL: 'redis://h:1', REDIS_TLS_CA_FILE: '/etc/ca.pem' })).toMatch(/REDIS_TLS_CA_FILE is set but no connection uses TLS/);
    expect(problem({ REDIS_URL: 'redis://h:1', REDIS_CLUSTER_TLS: '1' })).toMatch(/REDIS_CLUSTER_TLS applies to REDIS_CLUSTER_NODES only/);
    expect(problem({ REDIS_CLUSTER_NODES: 'x:1', REDIS_CLUSTER_TLS: 'maybe' })).toMatch(/REDIS_CLUSTER_TLS must be 1 or 0/);
    expect(problem({ REDIS_CLUSTER_NODES: 'x:1', REDIS_CLUSTER_TLS: '1', REDIS_TLS_CA_FILE: '/missing.pem' })).toMatch(/REDIS_TLS_CA_FILE: cannot read "\/missing.pem" \(ENOENT/);
    expect(problem({ REDIS_CLUSTER_NODES: 'x:1', REDIS_CLUSTER_TLS: '1', REDIS_TLS_CA_FILE: '/etc/not-a-cert' })).toMatch(/REDIS_TLS_CA_FILE: "\/etc\/not-a-cert" holds no PEM certificate/);
  });

  it('reads a client certificate and key (both or neither) for a Redis that requires one', () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n';
    const key = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
    const files: Record<string, string> = { '/c.pem': cert, '/k.pem': key };
    const read = (path: string) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return files[path]!;
    };
    const parse = (env: Record<string, string>) => parseConfig(env, () => 'token', read);
    const ok = parse({ REDIS_URL: 'rediss://h:6380', REDIS_TLS_CERT_FILE: '/c.pem', REDIS_TLS_KEY_FILE: '/k.pem' });
    expect(ok.ok && ok.config.redis).toEqual({ kind: 'single', url: 'rediss://h:6380', tls: { cert, key } });
    const problem = (env: Record<string, string>) => {
      const r = parse(env);
      return r.ok ? '' : r.problems.join('\n');
    };
    expect(problem({ REDIS_URL: 'rediss://h:6380', REDIS_TLS_CERT_FILE: '/c.pem' })).toMatch(/REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE go together/);
    expect(problem({ REDIS_URL: 'rediss://h:6380', REDIS_TLS_CERT_FILE: '/c.pem', REDIS_TLS_KEY_FILE: '/c.pem' })).toMatch(/REDIS_TLS_KEY_FILE: "\/c.pem" holds no PEM private key/);
    expect(problem({ REDIS_URL: 'redis://h:6379', REDIS_TLS_CERT_FILE: '/c.pem', REDIS_TLS_KEY_FILE: '/k.pem' })).toMatch(/REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE are set but no connection uses TLS/);
  });

  it('reads a NAT map for a cluster whose nodes announce addresses this server cannot reach', () => {
    const r = parseConfig({ REDIS_CLUSTER_NODES: '203.0.113.7:16379, [::1]:7000', REDIS_CLUSTER_NAT_MAP: '10.0.1.5:6379=203.0.113.7:16379, node-2.internal:6379=[::1]:7000' });
    expect(r.ok && r.config.redis).toEqual({
      kind: 'cluster',
      nodes: [{ host: '203.0.113.7', port: 16379 }, { host: '::1', port: 7000 }],
      natMap: { '10.0.1.5:6379': { host: '203.0.113.7', port: 16379 }, 'node-2.internal:6379': { host: '::1', port: 7000 } },
    });
    const problems = (env: Record<string, string>) => {
      const c = parseConfig(env);
      return c.ok ? '' : c.problems.join('\n');
    };
    expect(problems({ REDIS_URL: 'redis://h:1', REDIS_CLUSTER_NAT_MAP: 'a:1=b:2' })).toMatch(/REDIS_CLUSTER_NAT_MAP applies to REDIS_CLUSTER_NODES only/);
    expect(problems({ REDIS_CLUSTER_NODES: 'x:1', REDIS_CLUSTER_NAT_MAP: 'a:1=b' })).toMatch(/REDIS_CLUSTER_NAT_MAP: "a:1=b" is not announced-host:port=reachable-host:port/);
    expect(problems({ REDIS_CLUSTER_NODES: 'x:1', REDIS_CLUSTER_NAT_MAP: 'a:1=b:2=c:3' })).toMatch(/"a:1=b:2=c:3" is not/);
  });

  it('bounds the rules check period at one second so hot reload stays within its promise', () => {
    expect(parseConfig({ RULES_CHECK_MS: '1001' }).ok).toBe(false);
    expect(parseConfig({ RULES_CHECK_MS: '1000' }).ok).toBe(true);
  });
});
