import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalScript, type RedisLike } from '@ratelab/algorithms';
import { flushDb, realUrl } from '../test-support/harness.js';
import { PUT_RULE, RULE_KEYS } from './rule-scripts.js';
import { RuleStore } from './rule-store.js';

const url = realUrl(9);
const clients: Redis[] = [];
const connect = () => {
  const c = new Redis(url, { maxRetriesPerRequest: 1 });
  clients.push(c);
  return c;
};
const stores: RuleStore[] = [];
const store = (options: ConstructorParameters<typeof RuleStore>[1]) => {
  const s = new RuleStore(connect(), options);
  stores.push(s);
  return s;
};
const until = async (ok: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return ok();
};

beforeAll(() => flushDb(url));
afterAll(() => {
  for (const s of stores) s.stop();
  for (const c of clients) c.disconnect();
});

describe('RuleStore on a real Redis', () => {
  it('seeds defaults once, then never over existing data', async () => {
    const first = store({ defaults: [{ id: 'd1', algorithm: 'gcra', ratePerSecond: 1, burst: 1, onRedisDown: 'deny' }] });
    await first.start();
    expect(first.list().map((r) => r.id)).toEqual(['d1']);
    await first.delete('d1');
    const second = store({ defaults: [{ id: 'd2', algorithm: 'gcra', ratePerSecond: 1, burst: 1, onRedisDown: 'deny' }] });
    await second.start();
    expect(second.list()).toEqual([]);
    expect(second.version).toBe(2);
  });

  it('pub/sub applies a change at once, even with a slow version check', async () => {
    const writer = store({ checkMs: 60_000 });
    const reader = store({ checkMs: 60_000 });
    await writer.start();
    await reader.start(connect());
    await new Promise((r) => setTimeout(r, 100));
    await writer.put({ id: 'pubsub', algorithm: 'fixed-window', limit: 1, windowMs: 1000, onRedisDown: 'allow' });
    expect(await until(() => reader.get('pubsub') !== undefined, 1000)).toBe(true);
  });

  it('the version check heals a missed message', async () => {
    const reader = store({ checkMs: 100 });
    await reader.start();
    // Written straight into Redis, with no publish: only the version check can notice.
    await evalScript(connect() as unknown as RedisLike, PUT_RULE, RULE_KEYS, ['silent', JSON.stringify({ id: 'silent', algorithm: 'gcra', ratePerSecond: 2, burst: 3, onRedisDown: 'deny' }), 200]);
    expect(await until(() => reader.get('silent') !== undefined, 1000)).toBe(true);
    expect(reader.get('silent')).toMatchObject({ burst: 3, onRedisDown: 'deny' });
  });

  it('skips invalid stored entries and restores its rules into a store that lost its data', async () => {
    const raw = connect();
    await raw.hset(RULE_KEYS[0] as string, 'broken', '{"algorithm":"token-bucket-naive","capacity":1,"refillPerSecond":1}');
    await raw.incr(RULE_KEYS[2] as string);
    const s = store({ checkMs: 50 });
    await s.start();
    expect(s.current().skipped.map((x) => x.id)).toEqual(['broken']);
    const before = s.list().map((r) => r.id);
    expect(before).toContain('silent');
    await raw.flushdb();
    expect(await until(() => false, 200)).toBe(false);
    expect(await raw.exists(RULE_KEYS[2] as string)).toBe(1);
    const restored = store({ checkMs: 50 });
    await restored.start();
    expect(restored.list().map((r) => r.id)).toEqual(before);
  });
});
