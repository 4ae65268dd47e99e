import { describe, expect, it } from 'vitest';
import { Prng } from '../prng.js';
import { retryDelay } from './retry.js';

describe('retryDelay', () => {
  const rng = () => new Prng(3);

  it('counts the first attempt in maxAttempts and gives up after it', () => {
    const fixed = { policy: 'fixed', delayMs: 250, maxAttempts: 3, jitter: 'none' } as const;
    expect([1, 2, 3].map((a) => retryDelay(fixed, a, 0, rng()))).toEqual([250, 250, undefined]);
    expect(retryDelay({ policy: 'none' }, 1, 0, rng())).toBeUndefined();
  });

  it('doubles exponentially up to maxDelayMs, and retry-after waits the decision', () => {
    const exp = { policy: 'exponential', baseMs: 100, maxDelayMs: 350, maxAttempts: 10, jitter: 'none' } as const;
    expect([1, 2, 3, 4].map((a) => retryDelay(exp, a, 0, rng()))).toEqual([100, 200, 350, 350]);
    expect(retryDelay({ policy: 'retry-after', maxAttempts: 2, jitter: 'none' }, 1, 640, rng())).toBe(640);
  });

  it('full jitter draws whole ms uniformly in [0, delay] from the seeded generator', () => {
    const spec = { policy: 'fixed', delayMs: 4, maxAttempts: 2, jitter: 'full' } as const;
    const g = rng();
    const draws = Array.from({ length: 2000 }, () => retryDelay(spec, 1, 0, g) as number);
    expect(new Set(draws)).toEqual(new Set([0, 1, 2, 3, 4]));
    const again = rng();
    expect(Array.from({ length: 2000 }, () => retryDelay(spec, 1, 0, again))).toEqual(draws);
  });
});
