// Exactness through the real server: two ratelab processes (spawned as `npm start` runs them) share one real Redis,
// and simultaneous POST /v1/check calls on one key, split between them, admit exactly the rule's limit in every
// trial. The rules refill so slowly (or their window is so long) that no token can appear during a trial, so the
// model's answer is exactly the limit whatever the Redis clock says. The race lab on the same server then shows
// the naive bucket over-admitting and the atomic one not.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, post, putJson, waitUntil } from './test-support/http.js';
import { spawnServer, writeFigures, type ServerProcess } from './test-support/processes.js';
import { Redis } from 'ioredis';

const TOKEN = 'reliability-two-processes-token';
const DB = 13;
const LIMIT = 20;
const CHECKS = 100;
const TRIALS = 2;
const SLOW = 0.000001;

const RULES = [
  { id: 'x-tb', algorithm: 'token-bucket', capacity: LIMIT, refillPerSecond: SLOW },
  { id: 'x-lb', algorithm: 'leaky-bucket', capacity: LIMIT, leakPerSecond: SLOW },
  { id: 'x-fw', algorithm: 'fixed-window', limit: LIMIT, windowMs: 31 * 24 * 3600 * 1000 },
  { id: 'x-sl', algorithm: 'sliding-log', limit: LIMIT, windowMs: 31 * 24 * 3600 * 1000 },
  { id: 'x-sc', algorithm: 'sliding-counter', limit: LIMIT, windowMs: 31 * 24 * 3600 * 1000 },
  { id: 'x-gc', algorithm: 'gcra', ratePerSecond: SLOW, burst: LIMIT },
].map((r) => ({ ...r, onRedisDown: 'deny' }));

let a: ServerProcess;
let b: ServerProcess;
const figures: Record<string, unknown> = { processes: 2, checksPerTrial: CHECKS, trialsPerAlgorithm: TRIALS, limit: LIMIT };

beforeAll(async () => {
  const url = `${inject('redisUrl')}/${DB}`;
  const r = new Redis(url, { maxRetriesPerRequest: 1 });
  await r.flushdb();
  r.disconnect();
  // This test is about atomicity, not latency: on a shared, loaded machine a burst of simultaneous checks can
  // outlive the default 250 ms Redis timeout, and a timed-out check is (correctly) decided by onRedisDown instead.
  // A generous timeout keeps every decision on Redis, which is what is being counted. Timeouts: faults.test.ts.
  const env = { REDIS_URL: url, ADMIN_TOKEN: TOKEN, REDIS_TIMEOUT_MS: '5000', BREAKER_FAILURE_THRESHOLD: '1000' };
  [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  writeFigures('server-two-processes', figures);
});

describe('two server processes on one real Redis', () => {
  it(`every atomic algorithm admits exactly ${LIMIT} of ${CHECKS} simultaneous checks split over both processes, in each of ${TRIALS} trials`, async () => {
    for (const rule of RULES) expect((await putJson(`${a.url}/v1/rules/${rule.id}`, rule, TOKEN)).status).toBe(200);
    // The other process learns the rules through pub/sub or its version check (within a second).
    const propagationMs = await waitUntil(async () => {
      const r = await call<{ rules: { id: string }[] }>(`${b.url}/v1/rules`);
      return RULES.every((x) => r.body.rules?.some((y) => y.id === x.id));
    }, 3000);
    figures.rulePropagationMs = Math.round(propagationMs);

    const perRule: Record<string, number[]> = {};
    const statuses = new Map<number, number>();
    const sources = new Map<string, number>();
    let fired = 0;
    for (const rule of RULES) {
      perRule[rule.id] = [];
      for (let t = 0; t < TRIALS; t += 1) {
        const key = `trial-${t}-${Date.now()}`;
        const answers = await Promise.all(
          Array.from({ length: CHECKS }, (_, i) => post(`${(i % 2 ? a : b).url}/v1/check`, { rule: rule.id, key })),
        );
        fired += answers.length;
        for (const x of answers) {
          statuses.set(x.status, (statuses.get(x.status) ?? 0) + 1);
          const source = String((x.body as { source?: string }).source);
          sources.set(source, (sources.get(source) ?? 0) + 1);
        }
        perRule[rule.id]?.push(answers.filter((x) => (x.body as { allowed?: boolean }).allowed === true).length);
      }
    }
    figures.checksFired = fired;
    figures.admittedPerTrial = perRule;
    figures.statuses = Object.fromEntries(statuses);
    figures.sources = Object.fromEntries(sources);
    figures.mismatchedTrials = Object.values(perRule).flat().filter((n) => n !== LIMIT).length;
    expect(Object.fromEntries(statuses)).toEqual({ 200: fired });
    expect(Object.fromEntries(sources)).toEqual({ redis: fired });
    for (const rule of RULES) expect(perRule[rule.id]).toEqual(Array(TRIALS).fill(LIMIT));
  }, 150_000);

  it('POST /v1/race on a server process: the atomic bucket never over-admits, the naive bucket does (recorded)', async () => {
    const race = (algorithm: string) =>
      post(`${a.url}/v1/race`, { algorithm, params: { capacity: 10, refillPerSecond: 1 }, replicas: 8, requests: 200, trials: 5 });
    const atomic = await race('token-bucket');
    const naive = await race('token-bucket-naive');
    expect(atomic.status).toBe(200);
    expect(naive.status).toBe(200);
    type Race = { trials: { admitted: number; overAdmitted: number; errors: number }[] };
    const at = atomic.body as unknown as Race;
    const nv = naive.body as unknown as Race;
    figures.race = {
      replicas: 8,
      requests: 200,
      trials: 5,
      atomicAdmitted: at.trials.map((t) => t.admitted),
      naiveAdmitted: nv.trials.map((t) => t.admitted),
      naiveOverAdmittedTotal: nv.trials.reduce((s, t) => s + t.overAdmitted, 0),
    };
    expect(at.trials.map((t) => t.admitted)).toEqual(Array(5).fill(10));
    expect(at.trials.every((t) => t.errors === 0)).toBe(true);
    expect(nv.trials.some((t) => t.overAdmitted > 0)).toBe(true);
  }, 60_000);
});
