// Every script stores its numbers in one string (prelude `write_numbers`; the sliding log its meta, beside the
// sorted set of entries): 8-byte doubles
// where Redis has its `struct` library, 17-digit text where the engine has not (fengari, under ioredis-mock). Both
// must hold exactly the model's numbers, and each engine must really take its own branch: a Redis that silently fell
// back to text would still decide correctly, only slower, so the stored bytes are checked here.
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLimiter } from '../limiter/create-limiter.js';
import { modelFor } from '../models/registry.js';
import type { Rule } from '../rules.js';
import { mockRedis, realRedis, uniquePrefix } from '../test-support/redis.js';

// Rates of 3 per second leave fractional numbers, which text with fewer than 17 digits would not read back exactly.
const CASES: { rule: Rule; fields: string[] }[] = [
  { rule: { algorithm: 'token-bucket', capacity: 10, refillPerSecond: 3 }, fields: ['tokens', 'lastMs'] },
  { rule: { algorithm: 'leaky-bucket', capacity: 10, leakPerSecond: 3 }, fields: ['level', 'lastMs'] },
  { rule: { algorithm: 'gcra', ratePerSecond: 3, burst: 10 }, fields: ['tat'] },
  { rule: { algorithm: 'fixed-window', limit: 10, windowMs: 300 }, fields: ['window', 'count', 'lastMs'] },
  { rule: { algorithm: 'sliding-counter', limit: 10, windowMs: 300 }, fields: ['window', 'current', 'previous', 'lastMs'] },
];
const times = [1_000_000, 1_000_001, 1_000_333, 1_000_334, 1_001_017];

/** The model's stored numbers after the same checks, in the order the script packs them. */
function expected(rule: Rule, fields: string[]): number[] {
  const model = modelFor(rule);
  const state = model.initial(rule, times[0]!) as unknown as Record<string, number>;
  for (const t of times) model.decideInPlace(rule, state as never, t, 1);
  return fields.map((f) => state[f]!);
}

let real: Redis | undefined;
afterAll(async () => {
  await real?.quit();
});

describe.each(CASES)('$rule.algorithm state encoding', ({ rule, fields }) => {
  it('on Redis: little-endian doubles (struct), exactly the model state', async () => {
    real ??= realRedis();
    const limiter = createLimiter(real, rule, { prefix: uniquePrefix('enc'), clock: 'app' });
    for (const t of times) await limiter.check('k', { nowMs: t });
    const key = limiter.keysFor('k')[0]!;
    expect(await real.type(key)).toBe('string');
    const bytes = (await real.getBuffer(key))!;
    expect(bytes.length).toBe(8 * fields.length);
    const want = expected(rule, fields);
    expect(fields.map((_, i) => bytes.readDoubleLE(8 * i))).toEqual(want);
    // Where the state can be fractional, it is here, so 17-digit text is really needed (window counts are whole).
    if (rule.algorithm !== 'fixed-window' && rule.algorithm !== 'sliding-counter') expect(want.some((x) => !Number.isInteger(x))).toBe(true);
  });

  it('on ioredis-mock (no struct): 17-digit numbers as text, exactly the model state', async () => {
    const mock = mockRedis();
    const limiter = createLimiter(mock, rule, { prefix: uniquePrefix('enc'), clock: 'app' });
    for (const t of times) await limiter.check('k', { nowMs: t });
    const text = (await (mock as unknown as Redis).get(limiter.keysFor('k')[0]!)) as string;
    expect(text.split(' ')).toHaveLength(fields.length);
    expect(text.split(' ').map(Number)).toEqual(expected(rule, fields));
  });
});

describe('sliding-log meta encoding', () => {
  it('on Redis: logged cost, member counter, last time and newest entry time as four doubles', async () => {
    real ??= realRedis();
    const rule: Rule = { algorithm: 'sliding-log', limit: 3, windowMs: 300, countRejected: false };
    const limiter = createLimiter(real, rule, { prefix: uniquePrefix('enc'), clock: 'app' });
    for (const t of times) await limiter.check('k', { nowMs: t });
    const bytes = (await real.getBuffer(limiter.keysFor('k')[1]!))!;
    expect(bytes.length).toBe(32);
    const model = modelFor(rule);
    const state = model.initial(rule, times[0]!) as unknown as { times: number[]; head: number; logged: number; lastMs: number };
    for (const t of times) model.decideInPlace(rule, state as never, t, 1);
    // Every request of this trace is logged (none is blocked), so the counter is the number of requests.
    expect([0, 1, 2, 3].map((i) => bytes.readDoubleLE(8 * i))).toEqual([state.logged, times.length, state.lastMs, state.times[state.times.length - 1]]);
  });
});
