import type { LimiterJson } from '../state/types';

/** The parameters each algorithm takes (algorithms.md), with the control the editor shows for each. */
export interface ParamField {
  name: string;
  label: string;
  kind: 'int' | 'number' | 'boolean';
  unit?: string;
}

const capacity: ParamField = { name: 'capacity', label: 'Capacity', kind: 'int', unit: 'requests' };
const limit: ParamField = { name: 'limit', label: 'Limit', kind: 'int', unit: 'requests' };
const windowMs: ParamField = { name: 'windowMs', label: 'Window', kind: 'int', unit: 'ms' };

export const ALGORITHM_PARAMS: Record<string, ParamField[]> = {
  'token-bucket': [capacity, { name: 'refillPerSecond', label: 'Refill', kind: 'number', unit: 'per second' }],
  'token-bucket-naive': [capacity, { name: 'refillPerSecond', label: 'Refill', kind: 'number', unit: 'per second' }],
  'leaky-bucket': [capacity, { name: 'leakPerSecond', label: 'Leak', kind: 'number', unit: 'per second' }],
  'fixed-window': [limit, windowMs],
  'sliding-log': [limit, windowMs, { name: 'countRejected', label: 'Count rejected requests', kind: 'boolean' }],
  'sliding-counter': [limit, windowMs],
  gcra: [{ name: 'ratePerSecond', label: 'Rate', kind: 'number', unit: 'per second' }, { name: 'burst', label: 'Burst', kind: 'int', unit: 'requests' }],
};

export const ALGORITHM_LABELS: Record<string, string> = {
  'token-bucket': 'Token bucket',
  'token-bucket-naive': 'Token bucket (naive, non-atomic: teaching variant)',
  'leaky-bucket': 'Leaky bucket',
  'fixed-window': 'Fixed window',
  'sliding-log': 'Sliding log',
  'sliding-counter': 'Sliding counter',
  gcra: 'GCRA',
};

export const MAX_LIMITERS = 4;

/**
 * A rule for `algorithm` that keeps the spirit of `from`: the same allowance per the same period, so switching
 * algorithms compares like with like instead of resetting to unrelated numbers.
 */
export function convertLimiter(from: LimiterJson, algorithm: string): LimiterJson {
  const n = (k: string) => (typeof from[k] === 'number' ? (from[k] as number) : undefined);
  const units = n('limit') ?? n('capacity') ?? n('burst') ?? 10;
  const rate = n('refillPerSecond') ?? n('leakPerSecond') ?? n('ratePerSecond') ?? (n('windowMs') ? (units * 1000) / n('windowMs')! : 10);
  const window = n('windowMs') ?? Math.max(1, Math.round((units * 1000) / rate));
  const base = { id: from.id, algorithm };
  switch (algorithm) {
    case 'token-bucket':
    case 'token-bucket-naive':
      return { ...base, capacity: units, refillPerSecond: rate };
    case 'leaky-bucket':
      return { ...base, capacity: units, leakPerSecond: rate };
    case 'gcra':
      return { ...base, ratePerSecond: rate, burst: units };
    case 'sliding-log':
      return { ...base, limit: units, windowMs: window, countRejected: false };
    default:
      return { ...base, limit: units, windowMs: window };
  }
}

/** An id not used by any limiter yet: a, b, c, … */
export function freshId(taken: string[], stem: string): string {
  for (let i = 1; i < 100; i++) {
    const id = `${stem}${i}`;
    if (!taken.includes(id)) return id;
  }
  return `${stem}${taken.length + 1}`;
}
