// The limiters on a real, local three-master Redis Cluster (started here, on loopback ports, and removed after):
// every algorithm's createLimiter through an ioredis `Cluster` decides exactly as the pure model on the conformance
// table; every key of one decision hashes to one slot by Redis's own CLUSTER KEYSLOT (braces in client keys
// included); batch mode splits its script calls by slot; and different client keys spread over all three masters.
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type LocalRedisCluster } from '../../../../scripts/lib/redis-cluster.mjs';
import { clusterSlot } from '../limiter/batch-slot.js';
import { createLimiter } from '../limiter/create-limiter.js';
import { ALGORITHMS, parseRule, type RuleInput } from '../rules.js';
import { uniquePrefix } from '../test-support/redis.js';
import { CASES } from './cases.js';
import { firstDifference, HARNESS_TTL_MS, runLimiter, runModel, type TraceStep } from './harness.js';

let local: LocalRedisCluster;
let cluster: Cluster;
/** A plain connection to one master, for CLUSTER KEYSLOT (any node answers it). */
let node: Redis;

beforeAll(async () => {
  local = await startRedisCluster();
  cluster = new Cluster(local.nodes, { scaleReads: 'master', redisOptions: { maxRetriesPerRequest: 1 } });
  await new Promise<void>((resolve, reject) => {
    cluster.once('ready', () => resolve());
    cluster.once('error', reject);
  });
  node = new Redis(local.nodes[0] as { host: string; port: number });
}, 60_000);

afterAll(async () => {
  await cluster?.quit();
  await node?.quit();
  await local?.stop();
}, 30_000);

/** Client keys that try to break the hash tag: braces anywhere, empty tags, nested and unbalanced ones. */
const AWKWARD_KEYS = ['user:42', '{', '}', '{}', '}{', '{user}', 'a{b}c', '{{x}}', 'x}{y', '{}{}', 'ü{ß}', 'ip:2001:db8::1'];

const keyslot = async (key: string) => Number(await node.call('CLUSTER', 'KEYSLOT', key));

/** One small rule per algorithm, so every script (including the naive bucket's separate commands) runs here. */
const RULES: Record<(typeof ALGORITHMS)[number], RuleInput> = {
  'token-bucket': { algorithm: 'token-bucket', capacity: 2, refillPerSecond: 1 },
  'token-bucket-naive': { algorithm: 'token-bucket-naive', capacity: 2, refillPerSecond: 1 },
  'leaky-bucket': { algorithm: 'leaky-bucket', capacity: 2, leakPerSecond: 1 },
  'fixed-window': { algorithm: 'fixed-window', limit: 2, windowMs: 1000 },
  'sliding-log': { algorithm: 'sliding-log', limit: 2, windowMs: 1000, countRejected: true },
  'sliding-counter': { algorithm: 'sliding-counter', limit: 2, windowMs: 1000 },
  gcra: { algorithm: 'gcra', ratePerSecond: 1, burst: 2 },
};

describe('Redis Cluster: the conformance table through an ioredis Cluster client', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const limiter = createLimiter(cluster, c.rule, { prefix: uniquePrefix('cluster'), keyTtlMs: HARNESS_TTL_MS });
      const got = await runLimiter(limiter, c.steps);
      expect(firstDifference(runModel(c.rule, c.steps), got)).toBeUndefined();
    });
  }

  it.each(ALGORITHMS)('%s: client keys with braces decide like the model', async (algorithm) => {
    const rule = RULES[algorithm];
    const steps: TraceStep[] = AWKWARD_KEYS.flatMap((key, i) => [0, 0, 0, 1500].map((dt) => ({ key, t: 1_700_000_000_000 + i + dt })));
    const limiter = createLimiter(cluster, rule, { prefix: uniquePrefix('cluster-braces'), keyTtlMs: HARNESS_TTL_MS });
    const model = runModel(rule, steps);
    expect(firstDifference(model, await runLimiter(limiter, steps))).toBeUndefined();
    expect(new Set(model.map((o) => o.allowed))).toEqual(new Set([true, false]));
  });
});

describe('Redis Cluster: every key of one decision is in one slot (CLUSTER KEYSLOT)', () => {
  it('sliding-log and the naive bucket really use two keys each', () => {
    const twoKeys = ALGORITHMS.filter((a) => createLimiter(cluster, RULES[a], { prefix: 'p' }).keysFor('k').length > 1);
    expect(twoKeys.sort()).toEqual(['sliding-log', 'token-bucket-naive']);
  });

  it.each(ALGORITHMS)('%s: one slot per decision for every awkward client key', async (algorithm) => {
    const limiter = createLimiter(cluster, RULES[algorithm], { prefix: 'api.v1:rule-7' });
    for (const key of AWKWARD_KEYS) {
      const keys = limiter.keysFor(key);
      const slots = await Promise.all(keys.map(keyslot));
      expect(new Set(slots).size, `${algorithm} ${JSON.stringify(key)} -> ${JSON.stringify(keys)}`).toBe(1);
    }
  });

  it('the check can fail: the same keys without the hash tag would straddle slots', async () => {
    // Control for the assertion above: strip the braces and Redis hashes each full key on its own.
    const limiter = createLimiter(cluster, RULES['sliding-log'], { prefix: 'api' });
    let straddling = 0;
    for (const key of AWKWARD_KEYS) {
      const untagged = limiter.keysFor(key).map((k) => k.replace('{', '').replace(/\}(?=:[a-z]+$)/, ''));
      const slots = await Promise.all(untagged.map(keyslot));
      if (new Set(slots).size > 1) straddling += 1;
    }
    expect(straddling).toBeGreaterThan(AWKWARD_KEYS.length / 2);
  });

  it("batch mode's slot function agrees with Redis's CLUSTER KEYSLOT", async () => {
    const limiter = createLimiter(cluster, RULES.gcra, { prefix: 'batch' });
    const keys = [...AWKWARD_KEYS, ...Array.from({ length: 200 }, (_, i) => `client-${i}`)].flatMap((k) => [k, ...limiter.keysFor(k)]);
    const redisSlots = await Promise.all(keys.map(keyslot));
    expect(keys.map(clusterSlot)).toEqual(redisSlots);
  });
});

describe('Redis Cluster: batch mode and spread', () => {
  it('batch mode decides concurrent checks on many keys, split by slot, exactly like the model', async () => {
    const rule = parseRule({ algorithm: 'sliding-log', limit: 3, windowMs: 1000 });
    const limiter = createLimiter(cluster, rule, { prefix: uniquePrefix('cluster-batch'), keyTtlMs: HARNESS_TTL_MS, batch: { maxBatch: 64 } });
    const keys = [...AWKWARD_KEYS, ...Array.from({ length: 40 }, (_, i) => `c${i}`)];
    const t0 = 1_700_000_000_000;
    // Five checks per key, all issued at once: the queue holds keys of many slots at the same time.
    const issued = keys.flatMap((key) => [0, 10, 20, 30, 1020].map((dt) => ({ key, t: t0 + dt })));
    const results = await Promise.all(issued.map((s) => limiter.check(s.key, { nowMs: s.t })));
    for (const key of keys) {
      const mine = issued.map((s, i) => ({ s, r: results[i] })).filter((x) => x.s.key === key);
      const model = runModel(rule, mine.map((x) => x.s));
      expect(mine.map((x) => x.r?.allowed), key).toEqual(model.map((o) => o.allowed));
      expect(mine.map((x) => x.r?.remaining), key).toEqual(model.map((o) => o.remaining));
    }
  });

  it('different client keys spread over all three masters', async () => {
    const prefix = uniquePrefix('cluster-spread');
    const limiter = createLimiter(cluster, RULES['token-bucket'], { prefix, keyTtlMs: HARNESS_TTL_MS });
    const clients = Array.from({ length: 300 }, (_, i) => `client-${i}`);
    for (const key of clients) await limiter.check(key, { nowMs: 1_700_000_000_000 });
    // Count the keys each master really holds, by asking each master itself.
    const masters = cluster.nodes('master');
    expect(masters).toHaveLength(3);
    const counts = await Promise.all(masters.map(async (m) => (await m.keys(`rl:{${prefix}:*`)).length));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(clients.length);
    // Slots are split evenly, so each master expects ~100 of 300; 50 is far outside chance for a fair split.
    for (const count of counts) expect(count).toBeGreaterThan(50);
  });
});
