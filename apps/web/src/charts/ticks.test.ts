import { describe, expect, it } from 'vitest';
import { labelWidth, niceStep, placeLabels, timeTicks, valueTicks } from './ticks';

describe('axis ticks', () => {
  it('give five whole-number ticks from 0 that cover the data', () => {
    expect(valueTicks(0, 4)).toEqual([0, 1, 2, 3, 4]);
    expect(valueTicks(0, 10)).toEqual([0, 3, 6, 9, 12]);
    expect(valueTicks(0, 20)).toEqual([0, 5, 10, 15, 20]);
    expect(valueTicks(0, 600)).toEqual([0, 150, 300, 450, 600]);
    expect(valueTicks(0, 2.5)).toEqual([0, 1, 2, 3, 4]);
  });

  it('give an empty chart the axis 0..4, and keep 0 as a tick when values go below it', () => {
    expect(valueTicks(0, 0)).toEqual([0, 1, 2, 3, 4]);
    expect(valueTicks(-5, 10)).toEqual([-5, 0, 5, 10, 15]);
  });

  it('round steps without binary noise (0.05 steps of a power of ten)', () => {
    expect(niceStep(750, true)).toBe(750);
    expect(niceStep(0.75, true)).toBe(0.75);
    expect(niceStep(0.75, false)).toBe(1);
    expect(niceStep(2.5, false)).toBe(3);
  });

  it('pin the time axis to the run: nice steps from 0, and the end itself', () => {
    expect(timeTicks(3000)).toEqual([0, 750, 1500, 2250, 3000]);
    expect(timeTicks(10_000)).toEqual([0, 2500, 5000, 7500, 10_000]);
    expect(timeTicks(1234)).toEqual([0, 350, 700, 1050, 1234]);
  });
});

describe('tick labels', () => {
  it('keep the last label inside the picture and drop ones that would overlap the next', () => {
    // "3000 ms" centred on the right edge is pulled in; "2250 ms" would touch it and is left out.
    const xs = [36, 96, 156, 216, 276];
    const sizes = ['0 ms', '750 ms', '1500 ms', '2250 ms', '3000 ms'].map((t) => labelWidth(t));
    const placed = placeLabels(xs, sizes, 0, 280);
    expect(placed.map((p) => p.index)).toEqual([0, 1, 2, 4]);
    expect(placed.at(-1)!.at + sizes[4]! / 2).toBeLessThanOrEqual(280);
  });

  it('leave out a label that would stick out of the start of the axis', () => {
    // A value label centred on the bottom edge of a chart without a time axis.
    expect(placeLabels([0, 22, 45], [12, 12, 12], 0, 96).map((p) => p.index)).toEqual([1, 2]);
  });
});
