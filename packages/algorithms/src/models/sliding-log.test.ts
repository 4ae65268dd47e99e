import { describe, expect, it } from 'vitest';
import { briefs, modelProperties } from '../test-support/model-properties.js';

// Hand-computed: the window is (t - windowMs, t]; allowed iff logged + cost <= limit.
describe('sliding-log model, hand-computed', () => {
  it('an entry leaves the window exactly windowMs after it was logged', () => {
    // Blocked at 2 until the entry at 0 leaves at 1000 (998 ms); at 1001 the entry at 1 has left too.
    expect(briefs({ algorithm: 'sliding-log', limit: 2, windowMs: 1000 }, 0, 1, 2, 1000, 1001)).toEqual([
      'Y rem1 ret0 rst1000',
      'Y rem0 ret0 rst1000',
      'n rem0 ret998 rst999',
      'Y rem0 ret0 rst1000',
      'Y rem0 ret0 rst1000',
    ]);
  });
  it('countRejected: false: a blocked retry costs nothing (free again 50 ms later)', () => {
    expect(briefs({ algorithm: 'sliding-log', limit: 1, windowMs: 100 }, 0, 50, 100)).toEqual(['Y rem0 ret0 rst100', 'n rem0 ret50 rst50', 'Y rem0 ret0 rst100']);
  });
  it('countRejected: true: the blocked retry is logged and pushes the wait to 100 ms', () => {
    expect(briefs({ algorithm: 'sliding-log', limit: 1, windowMs: 100, countRejected: true }, 0, 50, 150)).toEqual([
      'Y rem0 ret0 rst100',
      'n rem0 ret100 rst100',
      'Y rem0 ret0 rst100',
    ]);
  });
  it('costs above 1: 6 logged; a request of 1 fits once the entry of 4 at 0 leaves (at 400)', () => {
    expect(briefs({ algorithm: 'sliding-log', limit: 6, windowMs: 400 }, [0, 4], [100, 2], [200, 1])).toEqual([
      'Y rem2 ret0 rst400',
      'Y rem0 ret0 rst400',
      'n rem0 ret200 rst300',
    ]);
  });
});

describe('sliding-log model properties', () => modelProperties('sliding-log'));
