import type { ConformanceCase, TraceStep } from './harness.js';

// The ONE table of conformance cases. Every case runs on the pure model, on the Lua via ioredis-mock and on the
// Lua via a real redis-server, and all three must return identical decisions. Times are virtual ms; they start
// well above 0 so that skewed (earlier) times stay valid, and some cases deliberately go backwards.

const T0 = 1_700_000_000_000;
/** Steps at T0 + offset, each with an optional cost. */
const at = (...offsets: (number | [number, number])[]): TraceStep[] =>
  offsets.map((o) => (Array.isArray(o) ? { t: T0 + o[0], cost: o[1] } : { t: T0 + o }));

export const CASES: ConformanceCase[] = [
  // token-bucket
  { name: 'tb: burst then refill', rule: { algorithm: 'token-bucket', capacity: 3, refillPerSecond: 1 }, steps: at(0, 0, 0, 0, 999, 1000, 1001, 5000) },
  { name: 'tb: fractional rate 0.3/s', rule: { algorithm: 'token-bucket', capacity: 2, refillPerSecond: 0.3 }, steps: at(0, 1, 2, 1000, 3333, 3334, 6667, 10000) },
  { name: 'tb: rounding tie at 1/s (3 ms + 997 ms)', rule: { algorithm: 'token-bucket', capacity: 1, refillPerSecond: 1 }, steps: at(0, 3, 1000, 1001, 2001) },
  { name: 'tb: skew never mints tokens', rule: { algorithm: 'token-bucket', capacity: 2, refillPerSecond: 10 }, steps: at(1000, 1000, 500, 0, 1050, 1100, 900) },
  { name: 'tb: costs above 1', rule: { algorithm: 'token-bucket', capacity: 10, refillPerSecond: 2.5 }, steps: at([0, 7], [1, 4], [400, 4], [1200, 3], [1201, 10], [5000, 10]) },
  { name: 'tb: two keys are independent', rule: { algorithm: 'token-bucket', capacity: 1, refillPerSecond: 1 }, steps: [{ t: T0, key: 'a' }, { t: T0, key: 'b' }, { t: T0 + 1, key: 'a' }, { t: T0 + 1, key: 'b:{x}' }] },
  // token-bucket-naive runs sequentially here: same arithmetic, so the same decisions.
  { name: 'naive: burst, refill, skew', rule: { algorithm: 'token-bucket-naive', capacity: 2, refillPerSecond: 0.5 }, steps: at(0, 0, 0, 1999, 2000, 1000, [4000, 2], 8001) },
  // leaky-bucket
  { name: 'lb: queue fills and drains', rule: { algorithm: 'leaky-bucket', capacity: 3, leakPerSecond: 2 }, steps: at(0, 0, 0, 0, 499, 500, 501, 3000) },
  { name: 'lb: fractional leak, costs above 1', rule: { algorithm: 'leaky-bucket', capacity: 5, leakPerSecond: 0.7 }, steps: at([0, 3], [10, 3], [1000, 2], [2857, 3], [2858, 1], [20000, 5]) },
  { name: 'lb: skew', rule: { algorithm: 'leaky-bucket', capacity: 2, leakPerSecond: 4 }, steps: at(500, 500, 100, 0, 700, 750, 600) },
  // fixed-window
  { name: 'fw: boundary spike', rule: { algorithm: 'fixed-window', limit: 2, windowMs: 1000 }, steps: at(998, 998, 999, 1000, 1000, 1001, 1999, 2000) },
  { name: 'fw: costs above 1 and skew', rule: { algorithm: 'fixed-window', limit: 5, windowMs: 300 }, steps: at([0, 3], [1, 3], [301, 2], [250, 2], [299, 1], [600, 5], [500, 1]) },
  // sliding-log, both countRejected settings
  { name: 'log: window edge (t - windowMs, t]', rule: { algorithm: 'sliding-log', limit: 2, windowMs: 1000 }, steps: at(0, 1, 2, 999, 1000, 1001, 1002, 2001) },
  { name: 'log: rejected not counted', rule: { algorithm: 'sliding-log', limit: 2, windowMs: 500, countRejected: false }, steps: at(0, 0, 100, 200, 300, 499, 500, 501) },
  { name: 'log: rejected counted (retrying keeps you blocked)', rule: { algorithm: 'sliding-log', limit: 2, windowMs: 500, countRejected: true }, steps: at(0, 0, 100, 200, 300, 499, 500, 501, 800, 1301) },
  { name: 'log: costs above 1 and skew', rule: { algorithm: 'sliding-log', limit: 6, windowMs: 400 }, steps: at([100, 4], [50, 2], [0, 1], [399, 3], [500, 2], [501, 3], [900, 6]) },
  { name: 'log: skew with countRejected', rule: { algorithm: 'sliding-log', limit: 1, windowMs: 100, countRejected: true }, steps: at(100, 50, 60, 199, 200, 250, 301) },
  // sliding-counter
  { name: 'sc: weighted previous window', rule: { algorithm: 'sliding-counter', limit: 4, windowMs: 1000 }, steps: at(900, 900, 900, 900, 1000, 1250, 1500, 1750, 2999, 3000) },
  { name: 'sc: costs above 1, skew, odd window', rule: { algorithm: 'sliding-counter', limit: 7, windowMs: 333 }, steps: at([0, 5], [332, 2], [333, 3], [200, 1], [400, 4], [665, 7], [1000, 7]) },
  // gcra
  { name: 'gcra: burst then pace', rule: { algorithm: 'gcra', ratePerSecond: 2, burst: 3 }, steps: at(0, 0, 0, 0, 499, 500, 501, 1000, 4000) },
  { name: 'gcra: fractional rate 0.3/s', rule: { algorithm: 'gcra', ratePerSecond: 0.3, burst: 2 }, steps: at(0, 1, 2, 1000, 3333, 3334, 6667, 10000) },
  { name: 'gcra: rate 3/s (non-dyadic interval)', rule: { algorithm: 'gcra', ratePerSecond: 3, burst: 3 }, steps: at(0, 0, 1, 333, 334, 666, 667, 1000) },
  { name: 'gcra: costs above 1 and skew', rule: { algorithm: 'gcra', ratePerSecond: 10, burst: 5 }, steps: at([500, 3], [400, 2], [0, 1], [600, 2], [650, 5], [1200, 5]) },
];
