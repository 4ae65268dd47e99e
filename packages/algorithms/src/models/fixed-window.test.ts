import { describe, expect, it } from 'vitest';
import { briefs, modelProperties } from '../test-support/model-properties.js';

// Hand-computed: window = floor(t / windowMs); allowed iff count + cost <= limit; retry = time to the next window.
describe('fixed-window model, hand-computed', () => {
  const fw = (limit: number, windowMs: number) => ({ algorithm: 'fixed-window' as const, limit, windowMs });

  it('rolls at the clock-aligned boundary: the boundary spike lets 3 through within 3 ms with limit 2', () => {
    expect(briefs(fw(2, 1000), 998, 999, 999, 1000)).toEqual(['Y rem1 ret0 rst2', 'Y rem0 ret0 rst1', 'n rem0 ret1 rst1', 'Y rem1 ret0 rst1000']);
  });
  it('costs above 1 count in full; a blocked request takes nothing', () => {
    expect(briefs(fw(5, 300), [0, 3], [1, 3], [1, 2])).toEqual(['Y rem2 ret0 rst300', 'n rem2 ret299 rst299', 'Y rem0 ret0 rst299']);
  });
  it('a skewed request counts in the newest window seen, never in an older one', () => {
    // Window 1 (300-599) is used up at 301; a request stamped 250 (window 0) is blocked until 600.
    expect(briefs(fw(1, 300), 301, 250)).toEqual(['Y rem0 ret0 rst299', 'n rem0 ret350 rst350']);
  });
});

describe('fixed-window model properties', () => modelProperties('fixed-window'));
