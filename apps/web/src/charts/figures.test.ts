import { describe, expect, it } from 'vitest';
import { trafficPaths, trafficTicks, windowPath, windowTicks, stateTicks } from './figures';
import { makeFrame } from './frame';

describe('chart figures', () => {
  it('stack allowed, delayed and blocked, each bin over its whole width up to the end of the run', () => {
    const bins = [{ t: 0, allowed: 2, delayed: 0, blocked: 0 }, { t: 50, allowed: 1, delayed: 1, blocked: 2 }];
    const ticks = trafficTicks(bins);
    expect(ticks).toEqual([0, 1, 2, 3, 4]);
    // Plot from x 36 to 136 for 100 ms (1 px per ms), y from 96 (0) up to 6 (4): 22.5 px per request.
    const f = makeFrame(144, 0, 100, ticks);
    const p = trafficPaths(bins, 50, 100, f);
    expect(p.allowed).toBe('M36,51H86V73.5H136V96H36Z');
    expect(p.delayed).toBe('M36,51H136V73.5H86V51H36Z');
    expect(p.blocked).toBe('M36,51H86V6H136V51H36Z');
  });

  it('extend the window axis to the limit and end the line with the run', () => {
    expect(windowTicks([{ admitted: 3 }], 10)).toEqual([0, 3, 6, 9, 12]);
    const f = makeFrame(144, 16, 100, [0, 1, 2, 3, 4]);
    expect(windowPath([{ t: 0, admitted: 1 }, { t: 50, admitted: 1 }], 50, 100, f)).toBe('M36,73.5H136');
  });

  it('scale the state axis to every charted field', () => {
    expect(stateTicks({ fields: ['a', 'b'], points: [{ t: 0, a: 2 }, { t: 1, b: 9 }] })).toEqual([0, 3, 6, 9, 12]);
  });
});
