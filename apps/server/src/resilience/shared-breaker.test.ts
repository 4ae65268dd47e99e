import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushDb, realUrl } from '../test-support/harness.js';
import { Breaker } from './breaker.js';
import { SharedBreakerSync } from './shared-breaker.js';

const url = realUrl(10);
const open: { stop(): void }[] = [];
const clients: Redis[] = [];
const client = (u = url) => {
  const c = new Redis(u, { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, lazyConnect: false });
  c.on('error', () => {});
  clients.push(c);
  return c;
};
const process_ = (id: string, redis: Redis) => {
  const breaker = new Breaker({ failureThreshold: 2, openMs: 400, halfOpenProbes: 1 });
  const sync = new SharedBreakerSync(breaker, redis, { id, everyMs: 50 });
  sync.start();
  open.push(breaker, sync);
  return { breaker, sync };
};
const until = async (ok: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return ok();
};

beforeAll(async () => {
  await flushDb(url);
});
afterAll(() => {
  for (const o of open) o.stop();
  for (const c of clients) c.disconnect();
});

describe('shared breaker scope', () => {
  it('an open breaker travels to the other process through Redis, and so does the recovery', async () => {
    const a = process_('a', client());
    const b = process_('b', client());
    await new Promise((r) => setTimeout(r, 100));
    a.breaker.failure();
    a.breaker.failure();
    expect(a.breaker.state).toBe('open');
    expect(await until(() => b.breaker.state === 'open', 1000)).toBe(true);
    // A's open period ends; its probe succeeds and it closes; B adopts the close.
    expect(await until(() => a.breaker.state === 'half-open', 2000)).toBe(true);
    expect(a.breaker.tryAttempt()).toBe(true);
    a.breaker.success();
    expect(a.breaker.state).toBe('closed');
    expect(await until(() => b.breaker.state === 'closed', 1000)).toBe(true);
  });

  it('cannot travel when Redis itself is unreachable: the seed article\'s point, shown', async () => {
    const dead = 'redis://127.0.0.1:1';
    const a = process_('a2', client(dead));
    const b = process_('b2', client(dead));
    a.breaker.failure();
    a.breaker.failure();
    expect(a.breaker.state).toBe('open');
    await new Promise((r) => setTimeout(r, 300));
    expect(b.breaker.state).toBe('closed');
    expect(a.sync.failedSyncs).toBeGreaterThan(0);
    expect(b.sync.failedSyncs).toBeGreaterThan(0);
  });
});
