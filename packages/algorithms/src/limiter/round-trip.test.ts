// One round trip per check, proved on a real redis-server with MONITOR: N checks send exactly N EVALSHA (plus one
// EVAL after the NOSCRIPT of a fresh server) and no other command. And clock 'redis' (TIME inside the script) works.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript helper shared with the test and bench scripts
import { startRedis } from '../../../../scripts/lib/redis-server.mjs';
import { SCRIPTS, type AtomicAlgorithm } from '../lua/scripts.js';
import type { RuleInput } from '../rules.js';
import { mockRedis, uniquePrefix } from '../test-support/redis.js';
import { createLimiter } from './create-limiter.js';

// Slow enough that nothing refills between three quick checks: the third of each is blocked on any machine.
const RULES: Record<AtomicAlgorithm, RuleInput> = {
  'token-bucket': { algorithm: 'token-bucket', capacity: 2, refillPerSecond: 0.001 },
  'leaky-bucket': { algorithm: 'leaky-bucket', capacity: 2, leakPerSecond: 0.001 },
  'fixed-window': { algorithm: 'fixed-window', limit: 2, windowMs: 31 * 24 * 3600 * 1000 },
  'sliding-log': { algorithm: 'sliding-log', limit: 2, windowMs: 3_600_000 },
  'sliding-counter': { algorithm: 'sliding-counter', limit: 2, windowMs: 31 * 24 * 3600 * 1000 },
  gcra: { algorithm: 'gcra', ratePerSecond: 0.001, burst: 2 },
};
const ALGORITHMS = Object.keys(SCRIPTS) as AtomicAlgorithm[];

// A redis-server of this file's own, started empty: its script cache is empty (so the NOSCRIPT fallback is
// exercised) and no other test file's commands appear in its MONITOR stream.
let server: { url: string; stop(): Promise<void> };
let client: Redis;
let monitor: Awaited<ReturnType<Redis['monitor']>>;
const seen: { args: string[]; source: string }[] = [];

beforeAll(async () => {
  server = await startRedis();
  client = new Redis(server.url, { maxRetriesPerRequest: 1 });
  await client.ping();
  monitor = await new Redis(server.url).monitor();
  monitor.on('monitor', (_time: string, args: string[], source: string) => seen.push({ args, source }));
});
afterAll(async () => {
  monitor.disconnect();
  await client.quit();
  await server.stop();
});

/** Sends a marker and waits until MONITOR has shown it, so every earlier command has been seen. Bounded: 5 s. */
async function drain(marker: string): Promise<void> {
  await client.echo(marker);
  for (let i = 0; i < 500 && !seen.some((c) => c.args[0]?.toLowerCase() === 'echo' && c.args[1] === marker); i += 1)
    await new Promise((r) => setTimeout(r, 10));
}

describe('one round trip per check (MONITOR on a real redis-server)', () => {
  for (const algorithm of ALGORITHMS) {
    it(`${algorithm}: N checks are N EVALSHA, one EVAL after NOSCRIPT, nothing else`, async () => {
      const addr = /addr=(\S+)/.exec((await client.call('CLIENT', 'INFO')) as string)?.[1];
      expect(addr).toBeDefined();
      await drain(`start-${algorithm}`);
      const from = seen.length;
      const limiter = createLimiter(client, RULES[algorithm], { prefix: uniquePrefix('rt'), clock: 'app' });
      const N = 7;
      for (let i = 0; i < N; i += 1) await limiter.check(`k${i % 2}`, { nowMs: 1_000_000 + i });
      await drain(`end-${algorithm}`);
      const mine = seen.slice(from).filter((c) => c.source === addr && c.args[0]?.toLowerCase() !== 'echo');
      const names = mine.map((c) => (c.args[0] ?? '').toLowerCase());
      // The first EVALSHA gets NOSCRIPT on this fresh server, then one EVAL loads the script; later ones hit.
      expect(names.filter((n) => n === 'evalsha')).toHaveLength(N);
      expect(names.filter((n) => n === 'eval')).toHaveLength(1);
      expect(names.filter((n) => n !== 'evalsha' && n !== 'eval')).toEqual([]);
      expect(limiter.roundTrips).toBe(N);
      // The commands the script ran are attributed to Lua, not to the client: they are not round trips.
      expect(seen.slice(from).some((c) => c.source.includes('lua'))).toBe(true);
    });
  }
});

describe("clock 'redis': the decision time is Redis TIME, read inside the script", () => {
  for (const store of ['real', 'mock'] as const) {
    for (const algorithm of ALGORITHMS) {
      it(`${algorithm} on ${store} Redis: sane decisions at the current time`, async () => {
        const redis = store === 'real' ? client : mockRedis();
        const limiter = createLimiter(redis, RULES[algorithm], { prefix: uniquePrefix('clock'), clock: 'redis' });
        const before = Date.now();
        const ds = [await limiter.check('k'), await limiter.check('k'), await limiter.check('k')];
        const after = Date.now();
        if (store === 'real') {
          expect(ds.map((d) => d.allowed)).toEqual([true, true, false]);
          expect(ds.map((d) => d.remaining)).toEqual([1, 0, 0]);
          for (const d of ds) {
            expect(d.tMs).toBeGreaterThanOrEqual(before - 1);
            expect(d.tMs).toBeLessThanOrEqual(after + 1);
          }
          expect(ds[2]?.retryAfterMs).toBeGreaterThan(0);
          expect(ds[2]?.resetMs).toBeGreaterThan(0);
        } else {
          // ioredis-mock's TIME is Math.round(Date.now() / 1000) seconds plus microseconds taken from
          // process.hrtime(), an unrelated clock: up to about a second off, and it can run backwards between calls.
          // Each decision is still sane (the key's clamping absorbs the backward steps; GCRA judges a late request
          // more strictly), but only loose bounds hold. Use clock 'app' or nowMs with the mock.
          expect(ds[0]?.allowed).toBe(true);
          expect(ds.filter((d) => d.allowed).length).toBeLessThanOrEqual(2);
          for (const d of ds) expect(d.allowed ? d.retryAfterMs === 0 : d.retryAfterMs > 0).toBe(true);
          for (const d of ds) expect(Math.abs(d.tMs - (before + after) / 2)).toBeLessThanOrEqual(1500 + (after - before));
        }
      });
    }
  }
});
