import { describe, expect, it } from 'vitest';
import { briefs, modelProperties } from '../test-support/model-properties.js';

// Hand-computed: level drains at leakPerSecond; allowed iff level + cost <= capacity; delay = level * 1000 / leak.
describe('leaky-bucket model, hand-computed', () => {
  const lb = (capacity: number, leakPerSecond: number) => ({ algorithm: 'leaky-bucket' as const, capacity, leakPerSecond });

  it('a fresh key has an empty queue; admitted requests wait behind it; a full queue blocks', () => {
    // 2/s drains one unit per 500 ms. Delays 0, 500, 1000; the 4th waits 500 ms for room; at 250 ms level 2.5;
    // at 500 ms level 2, so it fits and waits 1000 ms.
    expect(briefs(lb(3, 2), 0, 0, 0, 0, 250, 500)).toEqual([
      'Y rem2 ret0 rst500 dl0',
      'Y rem1 ret0 rst1000 dl500',
      'Y rem0 ret0 rst1500 dl1000',
      'n rem0 ret500 rst1500 dl0',
      'n rem0 ret250 rst1250 dl0',
      'Y rem0 ret0 rst1500 dl1000',
    ]);
  });
  it('costs above 1: level 3 of 5 cannot take 3 more until one unit drains (1000 ms at 1/s)', () => {
    expect(briefs(lb(5, 1), [0, 3], [0, 3])).toEqual(['Y rem2 ret0 rst3000 dl0', 'n rem2 ret1000 rst3000 dl0']);
  });
  it('a skewed request waits for the skew plus the drain', () => {
    // Full (level 2) at 500; a request stamped 0 needs 500 ms to reach 500 and 250 ms more for one unit to drain.
    expect(briefs(lb(2, 4), 500, 500, 0)).toEqual(['Y rem1 ret0 rst250 dl0', 'Y rem0 ret0 rst500 dl250', 'n rem0 ret750 rst1000 dl0']);
  });
});

describe('leaky-bucket model properties', () => modelProperties('leaky-bucket'));
