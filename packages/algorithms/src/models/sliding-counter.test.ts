import { describe, expect, it } from 'vitest';
import { briefs, modelProperties } from '../test-support/model-properties.js';

// Hand-computed: estimate = previous * (windowMs - into) / windowMs + current; allowed iff estimate + cost <= limit.
describe('sliding-counter model, hand-computed', () => {
  it('weights the previous window by its remaining overlap', () => {
    // 4 at 900 fill window 0; the 5th needs 4 * (1000 - into) / 1000 <= 3, i.e. into >= 250: 1250, 350 ms away.
    // At 1250 the estimate is 3 (+1 fits); at 1500 it is 2 + 1 = 3 (+1 fits); then 4: wait for into >= 750.
    expect(briefs({ algorithm: 'sliding-counter', limit: 4, windowMs: 1000 }, 900, 900, 900, 900, 900, 1250, 1500, 1500)).toEqual([
      'Y rem3 ret0 rst1100',
      'Y rem2 ret0 rst1100',
      'Y rem1 ret0 rst1100',
      'Y rem0 ret0 rst1100',
      'n rem0 ret350 rst1100',
      'Y rem0 ret0 rst1750',
      'Y rem0 ret0 rst1500',
      'n rem0 ret250 rst1500',
    ]);
  });
  it('costs above 1 and a skewed request, counted in the newest window', () => {
    // limit 4, window 100: 3 at 150 (window 1); a request of 2 stamped 50 is decided at 150: estimate 3, blocked
    // until 3 * (100 - into) / 100 <= 2, i.e. into >= 34: 234, 184 ms after its stamp; empty at 300 (250 ms).
    expect(briefs({ algorithm: 'sliding-counter', limit: 4, windowMs: 100 }, [150, 3], [50, 2])).toEqual(['Y rem1 ret0 rst150', 'n rem1 ret184 rst250']);
  });
});

describe('sliding-counter model properties', () => modelProperties('sliding-counter'));
