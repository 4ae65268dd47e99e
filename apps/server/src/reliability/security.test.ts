// Security guarantees of the server: admin routes need the token; CORS stays closed unless configured; the replay and
// race labs are rate-limited by ratelab itself and bounded in size and concurrency; no secret (admin token, Redis
// password) reaches logs, responses or URLs — checked on spawned processes whose whole output is captured.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, auth, flushDb, json, put, startTestServer, type TestServer } from '../test-support/harness.js';
import { call, post, putJson } from './test-support/http.js';
import { spawnServer, startRedis, writeFigures } from './test-support/processes.js';

const figures: Record<string, unknown> = {};
const open: TestServer[] = [];
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  writeFigures('server-security', figures);
});
async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(options);
  open.push(s);
  return s;
}

const RULE = { algorithm: 'token-bucket', capacity: 5, refillPerSecond: 1 };

describe('admin routes need the token', () => {
  it('missing is 401, wrong (any length or scheme) is 403, right is 200, for PUT and DELETE', async () => {
    const s = await server();
    const wrong = ['Bearer x', `Bearer ${ADMIN}x`, `Bearer ${ADMIN.slice(0, -1)}`, `Bearer ${'a'.repeat(5000)}`, `Basic ${ADMIN}`, ADMIN, 'Bearer', `Bearer ${ADMIN} extra`];
    expect((await s.app.request('/v1/rules/sec', put(RULE, {}))).status).toBe(401);
    for (const header of wrong) {
      const res = await s.app.request('/v1/rules/sec', put(RULE, { Authorization: header }));
      expect(res.status, header.slice(0, 40)).toBe(403);
      expect(await res.text()).not.toContain(ADMIN);
    }
    expect((await s.app.request('/v1/rules/sec', { method: 'DELETE' })).status).toBe(401);
    expect((await s.app.request('/v1/rules/sec', { method: 'DELETE', headers: { Authorization: 'Bearer nope' } })).status).toBe(403);
    expect((await s.app.request('/v1/rules/sec', put(RULE, auth))).status).toBe(200);
    expect((await s.app.request('/v1/rules/sec', { method: 'DELETE', headers: auth })).status).toBe(200);
    figures.adminAuthCases = wrong.length + 5;
  });
});

describe('CORS', () => {
  const preflight = (origin: string): RequestInit => ({ method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
  it('sends no CORS headers by default: another origin cannot call the API from a browser', async () => {
    const s = await server();
    for (const init of [preflight('https://evil.example'), { headers: { Origin: 'https://evil.example' } }]) {
      const res = await s.app.request('/v1/rules', init);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
  it('with CORS_ORIGIN set, allows exactly the configured origin', async () => {
    const s = await server({ env: { CORS_ORIGIN: 'https://app.example' } });
    expect((await s.app.request('/v1/check', preflight('https://app.example'))).headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect((await s.app.request('/v1/check', preflight('https://evil.example'))).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('replay and race are bounded and rate-limited by ratelab itself', () => {
  it('refuses oversized races, replays and bodies with a 4xx, then rate-limits the labs per client with Retry-After', async () => {
    const url = `${inject('redisUrl')}/11`;
    await flushDb(url);
    const s = await server({ url });
    const race = (over: Record<string, unknown>) => json({ algorithm: 'token-bucket', params: RULE, replicas: 1, requests: 1, trials: 1, ...over });
    const sizes = [
      await s.app.request('/v1/race', race({ requests: s.ctx.labs.maxRaceRequests + 1 })),
      await s.app.request('/v1/race', race({ replicas: s.ctx.labs.maxRaceReplicas + 1 })),
      await s.app.request('/v1/race', race({ trials: s.ctx.labs.maxRaceTrials + 1 })),
      await s.app.request('/v1/replay', json({ format: 1, durationMs: 100_000, limiters: [{ id: 'a', ...RULE }], clients: [{ id: 'c', arrivals: { kind: 'steady', ratePerSecond: 100 } }] })),
      await s.app.request('/v1/race', json('x'.repeat(s.ctx.config.maxBodyBytes + 1))),
    ];
    const sizeStatuses = sizes.map((r) => r.status);
    expect(sizeStatuses.slice(0, 3)).toEqual([400, 400, 400]);
    expect(sizeStatuses[3]).toBe(413);
    expect(sizeStatuses[4]).toBe(413);

    const started = performance.now();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 30; i += 1) {
      const res = await s.app.request('/v1/race', race({}));
      statuses.push(res.status);
      if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
    }
    const elapsedS = (performance.now() - started) / 1000;
    const served = statuses.filter((x) => x !== 429).length + sizes.length;
    const rule = s.ctx.labs.rule as { capacity: number; refillPerSecond: number };
    figures.labs = { sizeStatuses, requests: statuses.length + sizes.length, served, limited: statuses.filter((x) => x === 429).length, capacity: rule.capacity };
    expect(statuses).toContain(429);
    expect(retryAfter).not.toBeNull();
    expect(served).toBeLessThanOrEqual(rule.capacity + Math.ceil(elapsedS * rule.refillPerSecond) + 1);
    expect(statuses.every((x) => x === 200 || x === 429)).toBe(true);
  });

  it(`runs at most maxConcurrent labs at once; the rest get 429 labs_busy`, async () => {
    const url = `${inject('redisUrl')}/11`;
    const s = await server({ url, labs: { rule: { id: 'labs-open', algorithm: 'token-bucket', capacity: 1000, refillPerSecond: 1000, onRedisDown: 'allow' } } });
    const heavy = json({ algorithm: 'token-bucket', params: RULE, replicas: 8, requests: 200, trials: 10 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => s.app.request('/v1/race', heavy)));
    const codes = await Promise.all(answers.map(async (r) => (r.status === 429 ? ((await r.json()) as { error: { code: string } }).error.code : String(r.status))));
    figures.labsConcurrency = codes;
    expect(codes.filter((c) => c === '200').length).toBeGreaterThanOrEqual(1);
    expect(codes.filter((c) => c === '200').length).toBeLessThanOrEqual(s.ctx.labs.maxConcurrent);
    expect(codes).toContain('labs_busy');
  });
});

/** Drives a spawned server through ordinary use and its error paths; returns every response, headers included. */
async function exercise(base: string, token: string, outage?: () => Promise<void>): Promise<string> {
  const seen: string[] = [];
  const keep = async (p: Promise<{ status: number; body: unknown; headers: Headers }>) => {
    const r = await p;
    seen.push(`${r.status} ${JSON.stringify([...r.headers])} ${JSON.stringify(r.body)}`);
  };
  await keep(call(`${base}/healthz`));
  await keep(call(`${base}/metrics`));
  await keep(call(`${base}/v1/rules`));
  await keep(putJson(`${base}/v1/rules/sec`, RULE, 'wrong-token-wrong-token'));
  await keep(putJson(`${base}/v1/rules/sec`, RULE, token));
  await keep(putJson(`${base}/v1/rules/sec`, { algorithm: 'nope' }, token));
  await keep(post(`${base}/v1/check`, { rule: 'missing', key: 'k' }));
  await keep(call(`${base}/v1/check`, { method: 'POST', body: '{bad json', headers: { 'Content-Type': 'application/json' } }));
  await keep(post(`${base}/v1/check`, { rule: 'sec', key: 'k' }));
  if (outage) {
    await outage();
    await keep(post(`${base}/v1/check`, { rule: 'sec', key: 'k' }));
    await keep(putJson(`${base}/v1/rules/sec2`, RULE, token));
    await keep(call(`${base}/healthz`));
  }
  return seen.join('\n');
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('no secret in logs, responses or URLs (spawned processes, whole output captured)', () => {
  it('a generated admin token is printed once, on its start-up line; a Redis password never appears', async () => {
    const password = 'redis-secret-pw-4f9a2c';
    const redis = await startRedis({ extraArgs: ['--requirepass', password] });
    const url = `redis://:${password}@127.0.0.1:${redis.port}`;
    const p = await spawnServer({ REDIS_URL: url, REDIS_TIMEOUT_MS: '300' });
    try {
      const token = /generated one for this run \(shown once\): (\S+)/.exec(p.output())?.[1] ?? '';
      expect(token.length).toBeGreaterThanOrEqual(16);
      const responses = await exercise(p.url, token, async () => {
        await redis.kill();
        await new Promise((r) => setTimeout(r, 500));
      });
      await p.stop();
      const out = p.output();
      figures.generatedToken = { outputBytes: out.length, tokenInOutput: count(out, token), passwordInOutput: count(out, password), tokenInResponses: count(responses, token), passwordInResponses: count(responses, password) };
      expect(count(out, token)).toBe(1);
      expect(out.split('\n').filter((l) => l.includes(token))[0]).toMatch(/ADMIN_TOKEN was not set; generated one for this run/);
      expect(count(out, password)).toBe(0);
      expect(out).toContain('//***@127.0.0.1');
      expect(count(responses, token)).toBe(0);
      expect(count(responses, password)).toBe(0);
    } finally {
      await p.stop();
      await redis.stop();
    }
  }, 60_000);

  it('an admin token supplied in the environment never appears at all', async () => {
    const token = 'env-supplied-admin-token-93b1e0';
    const redis = await startRedis();
    const p = await spawnServer({ REDIS_URL: redis.url, ADMIN_TOKEN: token, REDIS_TIMEOUT_MS: '300' });
    try {
      const responses = await exercise(p.url, token, async () => {
        await redis.kill();
        await new Promise((r) => setTimeout(r, 500));
      });
      await p.stop();
      const out = p.output();
      figures.envToken = { outputBytes: out.length, tokenInOutput: count(out, token), tokenInResponses: count(responses, token) };
      expect(count(out, token)).toBe(0);
      expect(count(responses, token)).toBe(0);
    } finally {
      await p.stop();
      await redis.stop();
    }
  }, 60_000);
});
