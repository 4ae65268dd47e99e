import { describe, expect, it } from 'vitest';
import { arrivalStream, type ArrivalStream } from './arrivals.js';

const all = (s: ArrivalStream) => {
  const out: number[] = [];
  for (let t = s.next(); t !== Infinity; t = s.next()) out.push(t);
  return out;
};

describe('arrival streams', () => {
  it('steady: request i at floor(fromMs + i * 1000 / rate), before toMs', () => {
    expect(all(arrivalStream({ kind: 'steady', ratePerSecond: 3, fromMs: 100, toMs: 1200 }, 5000, 1, 0))).toEqual([100, 433, 766, 1100]);
  });

  it('burst: count requests spread evenly over spreadMs, none at or after the end of the run', () => {
    expect(all(arrivalStream({ kind: 'burst', atMs: 10, count: 4, spreadMs: 10 }, 100, 1, 0))).toEqual([10, 12, 15, 17]);
    expect(all(arrivalStream({ kind: 'burst', atMs: 95, count: 4, spreadMs: 10 }, 100, 1, 0))).toEqual([95, 97]);
  });

  it('poisson: reproducible per seed and client, about the requested rate', () => {
    const spec = { kind: 'poisson', ratePerSecond: 50 } as const;
    const a = all(arrivalStream(spec, 100_000, 5, 2));
    expect(a).toEqual(all(arrivalStream(spec, 100_000, 5, 2)));
    expect(a).not.toEqual(all(arrivalStream(spec, 100_000, 5, 3)));
    expect(a.length).toBeGreaterThan(4700);
    expect(a.length).toBeLessThan(5300);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
  });
});
