// Hostile input on every HTTP body (check, rules PUT, race, replay), fuzzed with fast-check against an app on its
// own fresh redis-server, every command to which is recorded. Contract: never a 5xx, never a hang, always the one
// error shape with JSON paths; and at the Redis boundary, keys are length- and charset-limited, rule ids match
// their pattern, and no user text ever stands where a script does — every EVAL text is one of a few constants.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { ALGORITHMS, SCRIPTS } from '@ratelab/algorithms';
import { BUILTIN_SCENARIOS } from '@ratelab/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RatelabServer } from '../app.js';
import { redisHandle } from '../redis/connect.js';
import { RULE_ID_PATTERN } from '../rules/live-rule.js';
import { DELETE_RULE, LOAD_RULES, PUT_RULE, SEED_IF_EMPTY } from '../rules/rule-scripts.js';
import { auth, testConfig } from '../test-support/harness.js';
import { startRedis, writeFigures, type ThrowawayRedis } from './test-support/processes.js';
import { KEY_COMMANDS, recordingHandle, scriptParts, type RedisCall } from './test-support/recording-redis.js';
import { hostileKey, junk, mutatedScenario, ruleBody } from './test-support/arbitraries.js';

const BOUND_MS = 20_000;
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const calls: RedisCall[] = [];
const userText = new Set<string>();
const counts: Record<string, number> = {};
const statuses: Record<string, number> = {};
let slowest = 0;
let redis: ThrowawayRedis;
let server: RatelabServer;

beforeAll(async () => {
  redis = await startRedis();
  const config = testConfig({ REDIS_URL: redis.url, REDIS_TIMEOUT_MS: '5000' });
  const handle = redisHandle(config.redis, config.redisTimeoutMs);
  handle.client.on('error', () => {});
  server = createApp({
    config,
    redis: recordingHandle(handle, calls),
    log: () => {},
    labs: { maxReplayDecisions: 1500, rule: { id: 'labs-fuzz', algorithm: 'token-bucket', capacity: 100_000, refillPerSecond: 100_000, onRedisDown: 'allow' } },
  });
  await server.start();
});

afterAll(async () => {
  await server?.stop();
  server?.ctx.handle.client.disconnect();
  await redis?.stop();
});

/** Sends one hostile request and checks the contract; returns the status. */
async function send(route: string, path: string, init: RequestInit): Promise<number> {
  const started = performance.now();
  const res = await server.app.request(path, init);
  const ms = performance.now() - started;
  slowest = Math.max(slowest, ms);
  counts[route] = (counts[route] ?? 0) + 1;
  statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  const text = await res.text();
  expect(res.status, `${route} ${String(init.body).slice(0, 300)} -> ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(ms).toBeLessThan(BOUND_MS);
  if (res.status >= 400) {
    const body = JSON.parse(text) as { error: { code: unknown; message: unknown; issues?: { path: unknown; message: unknown }[] } };
    expect(typeof body.error.code).toBe('string');
    expect(typeof body.error.message).toBe('string');
    for (const issue of body.error.issues ?? []) {
      expect(typeof issue.path).toBe('string');
      expect(typeof issue.message).toBe('string');
    }
    expect(text).not.toMatch(/\n\s+at |\.ts:\d+/);
  }
  return res.status;
}

const body = (method: string, value: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  body: typeof value === 'string' ? value : JSON.stringify(value),
  headers: { 'Content-Type': 'application/json', ...headers },
});
const remember = (...texts: unknown[]) => {
  for (const t of texts) if (typeof t === 'string' && t.length >= 8) userText.add(t);
};

describe('every HTTP body, fuzzed: no 5xx, no hang, clear errors', () => {
  it('POST /v1/check', async () => {
    const fields = { rule: fc.oneof(fc.constantFrom('demo', 'strict', 'open', 'smooth'), junk), key: hostileKey, cost: fc.oneof(fc.integer({ min: -3, max: 20 }), junk) };
    // Mostly well-formed bodies with one hostile field, so the key really travels to the limiter; then partial and junk.
    const wellFormed = fc.record({ rule: fields.rule, key: hostileKey, cost: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) });
    const checkBody = fc.oneof({ weight: 3, arbitrary: wellFormed }, { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) }, { weight: 1, arbitrary: junk });
    await fc.assert(
      fc.asyncProperty(checkBody, async (b) => {
        remember((b as { key?: unknown })?.key, (b as { rule?: unknown })?.rule);
        await send('check', '/v1/check', body('POST', b));
      }),
      { numRuns: 600, seed: 8 },
    );
    for (const raw of ['{"__proto__":{"polluted":1},"rule":"demo","key":"k"}', '{"constructor":{"prototype":{"polluted":1}},"rule":"demo","key":"k"}', '[', 'null', '1e999', '{"rule":"demo","key":"k","cost":1e999}']) {
      await send('check', '/v1/check', body('POST', raw));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('PUT /v1/rules/:id (authorised, so the body is really parsed)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,50}$/), fc.string({ unit: 'binary', maxLength: 60 })), fc.oneof(ruleBody, junk), async (id, b) => {
        remember(id);
        const path = `/v1/rules/${encodeURIComponent(id)}`;
        const status = await send('rules', path, body('PUT', b, auth));
        if (status === 200) await server.app.request(path, { method: 'DELETE', headers: auth });
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it('POST /v1/race', async () => {
    const fields = {
      algorithm: fc.oneof(fc.constantFrom(...ALGORITHMS), junk),
      params: fc.oneof(ruleBody, fc.constant({ capacity: 5, refillPerSecond: 1 }), fc.constant({ limit: 5, windowMs: 1000 }), junk),
      replicas: fc.oneof(fc.integer({ min: -1, max: 9 }), junk),
      requests: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(201), junk),
      trials: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(11), junk),
    };
    const valid = fc
      .record({
        pick: fc.constantFrom(
          { algorithm: 'token-bucket', params: { capacity: 5, refillPerSecond: 1 } },
          { algorithm: 'token-bucket-naive', params: { capacity: 5, refillPerSecond: 1 } },
          { algorithm: 'gcra', params: { ratePerSecond: 1, burst: 5 } },
        ),
        replicas: fc.integer({ min: 1, max: 8 }),
        requests: fc.integer({ min: 1, max: 40 }),
        trials: fc.integer({ min: 1, max: 3 }),
      })
      .map(({ pick, ...rest }) => ({ ...pick, ...rest }));
    const race = fc.oneof(fc.record(fields), fc.record(fields, { requiredKeys: [] }), valid, junk);
    await fc.assert(fc.asyncProperty(race, async (b) => void (await send('race', '/v1/race', body('POST', b)))), { numRuns: 120, seed: 8 });
  });

  it('POST /v1/replay (mutated built-in scenarios and junk)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: mutatedScenario(BUILTIN_SCENARIOS) }, { weight: 1, arbitrary: fc.constantFrom(...BUILTIN_SCENARIOS) }, { weight: 1, arbitrary: junk }), async (b) => {
        const clients = (b as { clients?: unknown } | null)?.clients;
        if (Array.isArray(clients)) for (const c of clients as { key?: unknown; id?: unknown }[]) if (c && typeof c === 'object') remember(c.key, c.id);
        await send('replay', '/v1/replay', body('POST', b));
      }),
      { numRuns: 80, seed: 8 },
    );
  }, 120_000);
});

describe('what reached Redis', () => {
  it('keys are bounded and printable, rule ids match their pattern, and every script is a constant', () => {
    const known = new Map<string, string>();
    for (const s of [...Object.values(SCRIPTS).map((x) => x.source), SEED_IF_EMPTY.source, PUT_RULE.source, DELETE_RULE.source, LOAD_RULES.source]) known.set(sha1(s), s);
    const evalTexts = new Set<string>();
    const shas = new Set<string>();
    let keysSeen = 0;
    for (const call of calls) {
      let keys: string[];
      if (call.cmd === 'eval' || call.cmd === 'evalsha') {
        const parts = scriptParts(call);
        keys = parts.keys;
        if (call.cmd === 'eval') evalTexts.add(parts.script);
        else shas.add(parts.script);
        if (parts.script === PUT_RULE.sha || parts.script === PUT_RULE.source || parts.script === DELETE_RULE.sha || parts.script === DELETE_RULE.source) {
          expect(parts.argv[0]).toMatch(RULE_ID_PATTERN);
        }
      } else {
        keys = (call.cmd === 'del' ? call.args : call.args.slice(0, 1)).map(String);
        expect(KEY_COMMANDS.has(call.cmd)).toBe(true);
      }
      for (const key of keys) {
        keysSeen += 1;
        expect(key.length).toBeLessThanOrEqual(400);
        // eslint-disable-next-line no-control-regex
        expect(key).not.toMatch(/[\u0000-\u001f\u007f]/);
      }
    }
    const constants = new Set(known.values());
    // Texts sent by EVAL that are not constants of the algorithms or the rule store (the heartbeat script, say)
    // must still be free of anything a client sent.
    const others = [...evalTexts].filter((t) => !constants.has(t));
    let scanned = 0;
    for (const text of others) {
      for (const u of userText) {
        scanned += 1;
        expect(text.includes(u), u).toBe(false);
      }
    }
    for (const text of evalTexts) known.set(sha1(text), text);
    // Every EVALSHA names a script whose full text is a constant of the code or was itself sent by EVAL, and those
    // texts are few: one per script, never one per input.
    for (const sha of shas) expect(known.has(sha), sha).toBe(true);
    expect(evalTexts.size).toBeLessThanOrEqual(16);
    expect(others.length).toBeLessThanOrEqual(2);
    writeFigures('server-hostile-http', {
      requests: counts,
      requestsTotal: Object.values(counts).reduce((a, b) => a + b, 0),
      statuses,
      fiveXX: Object.entries(statuses).filter(([s]) => Number(s) >= 500).reduce((a, [, n]) => a + n, 0),
      slowestMs: Math.round(slowest),
      redisCallsRecorded: calls.length,
      redisKeysChecked: keysSeen,
      distinctScriptTexts: evalTexts.size,
      nonConstantScriptTexts: others.length,
      distinctScriptShas: shas.size,
      userStringsTracked: userText.size,
      scriptUserStringComparisons: scanned,
    });
  });
});
