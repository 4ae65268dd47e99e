import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auth, json, put, startTestServer, type TestServer } from './test-support/harness.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('routes on the embedded store (app.request)', () => {
  it('GET /healthz says the store is embedded and the breaker closed', async () => {
    server = await startTestServer();
    const res = await server.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', redis: 'embedded', breaker: 'closed', rulesVersion: 1 });
  });

  it('seeds the default rules into an empty store and lists them', async () => {
    server = await startTestServer();
    const res = await server.app.request('/v1/rules');
    const body = (await res.json()) as { version: number; rules: { id: string }[] };
    expect(body.version).toBe(1);
    expect(body.rules.map((r) => r.id)).toEqual(['demo', 'open', 'smooth', 'strict']);
    const one = await server.app.request('/v1/rules/demo');
    expect(await one.json()).toMatchObject({ id: 'demo', algorithm: 'token-bucket', capacity: 10, version: 1 });
    expect((await server.app.request('/v1/rules/nope')).status).toBe(404);
    expect((await server.app.request('/v1/rules/BAD%20ID')).status).toBe(400);
  });

  it('PUT and DELETE need the admin token: missing is 401, wrong is 403', async () => {
    server = await startTestServer();
    const rule = { algorithm: 'fixed-window', limit: 3, windowMs: 60_000, onRedisDown: 'deny' };
    const missing = await server.app.request('/v1/rules/mine', put(rule, {}));
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const wrong = await server.app.request('/v1/rules/mine', put(rule, { Authorization: 'Bearer not-the-token-at-all' }));
    expect(wrong.status).toBe(403);
    const wrongScheme = await server.app.request('/v1/rules/mine', put(rule, { Authorization: 'Basic abc' }));
    expect(wrongScheme.status).toBe(403);
    const del = await server.app.request('/v1/rules/demo', { method: 'DELETE', headers: { Authorization: 'Bearer x' } });
    expect(del.status).toBe(403);
    expect((await server.app.request('/v1/rules')).status).toBe(200);
    expect(server.ctx.rules.get('mine')).toBeUndefined();
  });

  it('PUT creates a versioned rule that is live at once; DELETE removes it', async () => {
    server = await startTestServer();
    const res = await server.app.request('/v1/rules/mine', put({ algorithm: 'fixed-window', limit: 2, windowMs: 3_600_000, onRedisDown: 'deny' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'mine', limit: 2, version: 2, onRedisDown: 'deny' });
    const decisions = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await server.app.request('/v1/check', json({ rule: 'mine', key: 'k' }));
      decisions.push(((await r.json()) as { allowed: boolean }).allowed);
    }
    expect(decisions).toEqual([true, true, false]);
    const del = await server.app.request('/v1/rules/mine', { method: 'DELETE', headers: auth });
    expect(await del.json()).toEqual({ deleted: 'mine', version: 3 });
    expect((await server.app.request('/v1/check', json({ rule: 'mine', key: 'k' }))).status).toBe(404);
    expect((await server.app.request('/v1/rules/mine', { method: 'DELETE', headers: auth })).status).toBe(404);
  });

  it('PUT rejects bad rules with the JSON path of each problem, and never accepts the naive bucket', async () => {
    server = await startTestServer();
    const bad = await server.app.request('/v1/rules/x', put({ algorithm: 'token-bucket', capacity: 0, onRedisDown: 'maybe' }));
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('invalid_rule');
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['capacity', 'onRedisDown', 'refillPerSecond']);
    const naive = await server.app.request('/v1/rules/x', put({ algorithm: 'token-bucket-naive', capacity: 5, refillPerSecond: 1 }));
    expect(naive.status).toBe(400);
    expect(JSON.stringify(await naive.json())).toMatch(/only available in POST \/v1\/race/);
    const mismatch = await server.app.request('/v1/rules/x', put({ id: 'y', algorithm: 'gcra', ratePerSecond: 1, burst: 1 }));
    expect(mismatch.status).toBe(400);
  });

  it('POST /v1/check answers 200 either way with the standard headers from the same decision', async () => {
    server = await startTestServer();
    await server.app.request('/v1/rules/tiny', put({ algorithm: 'token-bucket', capacity: 2, refillPerSecond: 0.01 }));
    const first = await server.app.request('/v1/check', json({ rule: 'tiny', key: 'alice' }));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ allowed: true, remaining: 1, limit: 2, retryAfterMs: 0, rule: 'tiny', source: 'redis' });
    expect(first.headers.get('RateLimit-Policy')).toBe('"tiny";q=2;w=200');
    expect(first.headers.get('RateLimit')).toMatch(/^"tiny";r=1;t=100$/);
    expect(first.headers.get('Retry-After')).toBeNull();
    await server.app.request('/v1/check', json({ rule: 'tiny', key: 'alice' }));
    const blocked = await server.app.request('/v1/check', json({ rule: 'tiny', key: 'alice' }));
    expect(blocked.status).toBe(200);
    const d = (await blocked.json()) as { allowed: boolean; retryAfterMs: number };
    expect(d.allowed).toBe(false);
    expect(d.retryAfterMs).toBeGreaterThan(0);
    expect(blocked.headers.get('Retry-After')).toBe(String(Math.ceil(d.retryAfterMs / 1000)));
    expect(blocked.headers.get('RateLimit')).toMatch(/^"tiny";r=0;t=\d+$/);
    const other = await server.app.request('/v1/check', json({ rule: 'tiny', key: 'bob' }));
    expect(((await other.json()) as { allowed: boolean }).allowed).toBe(true);
    const tooCostly = await server.app.request('/v1/check', json({ rule: 'tiny', key: 'bob', cost: 3 }));
    expect(tooCostly.status).toBe(400);
    expect(await tooCostly.json()).toMatchObject({ error: { code: 'invalid_cost' } });
    expect((await server.app.request('/v1/check', json({ rule: 'nope', key: 'a' }))).status).toBe(404);
  });

  it('GET /v1/demo/:rule is protected by the middleware: 200 then 429 with Retry-After', async () => {
    server = await startTestServer();
    await server.app.request('/v1/rules/pair', put({ algorithm: 'sliding-log', limit: 2, windowMs: 60_000 }));
    const statuses = [];
    let last: Response | undefined;
    for (let i = 0; i < 3; i += 1) {
      last = await server.app.request('/v1/demo/pair?key=carol');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last?.headers.get('RateLimit-Policy')).toBe('"pair";q=2;w=60');
    expect(last?.headers.get('RateLimit')).toMatch(/^"pair";r=0;t=\d+$/);
    expect(Number(last?.headers.get('Retry-After'))).toBeGreaterThanOrEqual(59);
    expect(await last?.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Without ?key= the client address is the key (no socket under app.request: "unknown").
    const anon = await server.app.request('/v1/demo/pair');
    expect(anon.status).toBe(200);
    expect(((await anon.json()) as { decision: { key: string } }).decision.key).toBe('unknown');
    expect((await server.app.request('/v1/demo/missing')).status).toBe(404);
  });

  it('GET /metrics counts decisions by rule and outcome, Redis latency, breaker state and rule version', async () => {
    server = await startTestServer();
    await server.app.request('/v1/check', json({ rule: 'demo', key: 'm' }));
    const text = await (await server.app.request('/metrics')).text();
    expect(text).toMatch(/ratelab_decisions_total\{rule="demo",outcome="allowed",source="redis"\} 1/);
    expect(text).toMatch(/ratelab_redis_command_duration_seconds_count\{command="evalsha",ok="(true|false)"\} \d+/);
    expect(text).toMatch(/ratelab_breaker_state\{state="closed"\} 1/);
    expect(text).toMatch(/ratelab_rules_version 1/);
  });

  it('GET /v1/events streams live decisions, and refuses subscribers beyond its bound', async () => {
    server = await startTestServer({ events: { maxSubscribers: 1 } });
    const res = await server.app.request('/v1/events');
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const second = await server.app.request('/v1/events');
    expect(second.status).toBe(429);
    await server.app.request('/v1/check', json({ rule: 'demo', key: 'sse' }));
    let text = '';
    while (!text.includes('event: decision')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toMatch(/event: hello/);
    expect(text).toMatch(/event: decision\ndata: \{[^\n]*"rule":"demo"[^\n]*"key":"sse"/);
    await reader.cancel();
  });

  it('answers unknown API routes, bad JSON and oversized bodies with JSON 4xx', async () => {
    server = await startTestServer({ env: { MAX_BODY_BYTES: '2048' } });
    const missing = await server.app.request('/v1/nothing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const badJson = await server.app.request('/v1/check', json('{"rule": "demo", '));
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { code: 'bad_json' } });
    const huge = await server.app.request('/v1/rules/demo', put({ algorithm: 'gcra', pad: 'x'.repeat(5000) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'body_too_large' } });
    const hugeCheck = await server.app.request('/v1/check', json({ rule: 'demo', key: 'x'.repeat(1900) }));
    expect(hugeCheck.status).toBe(400);
  });

  it('serves the built web app with SPA fallback, or an honest "not built" page', async () => {
    server = await startTestServer();
    const notBuilt = await server.app.request('/');
    expect(await notBuilt.text()).toMatch(/playground has not been built/);
    await server.close();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ratelab-web-'));
    writeFileSync(path.join(dir, 'index.html'), '<html>the playground</html>');
    writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
    server = await startTestServer({ env: { STATIC_DIR: dir } });
    expect(await (await server.app.request('/')).text()).toMatch(/the playground/);
    expect(await (await server.app.request('/scenarios/boundary-spike')).text()).toMatch(/the playground/);
    const js = await server.app.request('/app.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await server.app.request('/v1/unknown')).status).toBe(404);
    expect((await server.app.request('/assets/missing-123.js')).status).toBe(404);
    expect((await server.app.request('/../../etc/passwd')).status).not.toBe(500);
  });
});
