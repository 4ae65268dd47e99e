import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WindowCounter } from './window-counter.js';

/** The definition, by brute force: every kept entry is rescanned on each call. */
class Reference {
  private entries: { t: number; u: number }[] = [];
  constructor(private readonly windowMs: number) {}
  private total(t: number): number {
    return this.entries.filter((e) => e.t > t - this.windowMs).reduce((s, e) => s + e.u, 0);
  }
  add(t: number, u: number): number {
    this.entries.push({ t, u });
    return this.total(t);
  }
  admit(t: number, u: number, limit: number): boolean {
    if (this.total(t) + u > limit) return false;
    this.entries.push({ t, u });
    return true;
  }
}

describe('WindowCounter', () => {
  it('counts units in (t - windowMs, t]', () => {
    const w = new WindowCounter(100);
    expect(w.add(0, 1)).toBe(1);
    expect(w.add(99, 2)).toBe(3);
    expect(w.add(100, 1)).toBe(3);
    expect(w.add(199, 1)).toBe(2);
  });

  it('agrees with the brute-force definition, across ring growth and wrap-around', () => {
    const op = fc.record({
      gap: fc.integer({ min: 0, max: 30 }),
      units: fc.integer({ min: 1, max: 3 }),
      admit: fc.boolean(),
      known: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 40 }), fc.array(op, { maxLength: 300 }), (windowMs, limit, ops) => {
        const w = new WindowCounter(windowMs);
        const ref = new Reference(windowMs);
        let t = 0;
        for (const o of ops) {
          t += o.gap;
          if (o.admit) expect(w.admit(t, o.units, limit)).toBe(ref.admit(t, o.units, limit));
          else if (o.known === undefined) expect(w.add(t, o.units)).toBe(ref.add(t, o.units));
          else {
            // With a known maximum: the exact total when it is above it, else anything up to it.
            const exact = ref.add(t, o.units);
            const got = w.add(t, o.units, o.known);
            if (exact > o.known) expect(got).toBe(exact);
            else expect(got).toBeLessThanOrEqual(o.known);
          }
        }
      }),
    );
  });
});
