import { describe, expect, it } from 'vitest';
import { ALLOWED, fallbackFlags, fallbackOf, HAS_DELAY, reasonOf } from './decision-flags.js';

describe('decision flags', () => {
  it('pack every fallback and reason into bits that leave allowed and delay alone', () => {
    for (const fallback of ['allow', 'deny', 'local'] as const) {
      for (const reason of ['redis-error', 'breaker-open', undefined] as const) {
        const flags = fallbackFlags(fallback, reason) | ALLOWED | HAS_DELAY;
        expect([fallbackOf(flags), reasonOf(flags)]).toEqual([fallback, reason]);
        expect(flags & (ALLOWED | HAS_DELAY)).toBe(ALLOWED | HAS_DELAY);
      }
    }
    expect([fallbackOf(ALLOWED), reasonOf(ALLOWED)]).toEqual([undefined, undefined]);
  });
});
