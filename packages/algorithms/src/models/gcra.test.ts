import { describe, expect, it } from 'vitest';
import { briefs, modelProperties } from '../test-support/model-properties.js';

// Hand-computed: T = 1000 / rate; allowed iff max(tat, t) - t <= (burst - cost) * T; then tat = max(tat, t) + cost * T.
describe('gcra model, hand-computed', () => {
  const g = (ratePerSecond: number, burst: number) => ({ algorithm: 'gcra' as const, ratePerSecond, burst });

  it('a fresh key admits the burst, then one request per T (500 ms at 2/s)', () => {
    expect(briefs(g(2, 3), 0, 0, 0, 0, 499, 500)).toEqual([
      'Y rem2 ret0 rst500',
      'Y rem1 ret0 rst1000',
      'Y rem0 ret0 rst1500',
      'n rem0 ret500 rst1500',
      'n rem0 ret1 rst1001',
      'Y rem0 ret0 rst1500',
    ]);
  });
  it('costs above 1: tat 300 ahead, a cost of 3 needs ahead <= 200 (100 ms)', () => {
    expect(briefs(g(10, 5), [0, 3], [0, 3])).toEqual(['Y rem2 ret0 rst300', 'n rem2 ret100 rst300']);
  });
  it('a skewed request is judged at its own (earlier) time: stricter, never more generous', () => {
    // tat 1200 after two at 1000; a request stamped 500 is 700 ahead and may be at most 100 ahead: wait 600.
    expect(briefs(g(10, 2), 1000, 1000, 500)).toEqual(['Y rem1 ret0 rst100', 'Y rem0 ret0 rst200', 'n rem0 ret600 rst700']);
  });
  it('regression: cost = burst on an idle key is admitted even when (t + cost * T) - t rounds above cost * T', () => {
    // With the literal newTat - t <= burst * T, rate 0.05000000000000001/s refused this forever (and the retry
    // search never ended). The rearranged test compares 0 <= 0.
    expect(briefs(g(0.05000000000000001, 3), [1000, 3])).toEqual(['Y rem0 ret0 rst60000']);
  });
});

describe('gcra model properties', () => modelProperties('gcra'));
