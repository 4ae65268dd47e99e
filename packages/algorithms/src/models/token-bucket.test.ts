import { describe, expect, it } from 'vitest';
import { briefs, modelProperties } from '../test-support/model-properties.js';

// Hand-computed: tokens = min(capacity, tokens + elapsed * rate / 1000); allowed iff tokens >= cost.
describe('token-bucket model, hand-computed', () => {
  const tb = (capacity: number, refillPerSecond: number) => ({ algorithm: 'token-bucket' as const, capacity, refillPerSecond });

  it('a fresh key starts full; exhaustion blocks with the exact wait for one token', () => {
    // 3 tokens at 1/s: three pass, the fourth needs 1000 ms; the bucket is full again 3000 ms later.
    expect(briefs(tb(3, 1), 0, 0, 0, 0)).toEqual(['Y rem2 ret0 rst1000', 'Y rem1 ret0 rst2000', 'Y rem0 ret0 rst3000', 'n rem0 ret1000 rst3000']);
  });
  it('refills continuously: 10/s gives one token per 100 ms', () => {
    // At 100 ms exactly one token is back; at 150 ms half a token, 50 ms short of the next.
    expect(briefs(tb(2, 10), 0, 0, 100, 150)).toEqual(['Y rem1 ret0 rst100', 'Y rem0 ret0 rst200', 'Y rem0 ret0 rst200', 'n rem0 ret50 rst150']);
  });
  it('fractional rate 0.5/s: after 1 ms, 0.0005 tokens, so 1999 ms more', () => {
    expect(briefs(tb(1, 0.5), 0, 1, 2000)).toEqual(['Y rem0 ret0 rst2000', 'n rem0 ret1999 rst1999', 'Y rem0 ret0 rst2000']);
  });
  it('costs above 1: 3.0025 tokens cannot pay 4; 0.9975 more tokens take 399 ms at 2.5/s', () => {
    expect(briefs(tb(10, 2.5), [0, 7], [1, 4], [400, 4])).toEqual(['Y rem3 ret0 rst2800', 'n rem3 ret399 rst2799', 'Y rem0 ret0 rst4000']);
  });
  it('a skewed (earlier) request sees the bucket as of the latest time and mints nothing', () => {
    // Empty at 1000; a request stamped 500 waits 500 ms of skew plus 100 ms of refill; at 1100 exactly one token.
    expect(briefs(tb(2, 10), 1000, 1000, 500, 1100, 1100)).toEqual([
      'Y rem1 ret0 rst100',
      'Y rem0 ret0 rst200',
      'n rem0 ret600 rst700',
      'Y rem0 ret0 rst200',
      'n rem0 ret100 rst200',
    ]);
  });
});

describe('token-bucket model properties', () => modelProperties('token-bucket'));
