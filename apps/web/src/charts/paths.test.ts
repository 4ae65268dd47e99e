import { describe, expect, it } from 'vitest';
import { stepBand, stepLine } from './paths';

describe('step paths', () => {
  it('hold each value until the next point, merging runs of equal values', () => {
    expect(stepLine([0, 10, 20, 30], [5, 5, 8, 8])).toBe('M0,5H20V8H30');
    expect(stepLine([0, 10, 20], [5, 5, 8], 40)).toBe('M0,5H20V8H40');
  });

  it('break a line where a value is missing', () => {
    expect(stepLine([0, 10, 20, 30], [1, 1, Number.NaN, 2])).toBe('M0,1H10M30,2');
  });

  it('draw a band per bin between two stepped boundaries, closed', () => {
    // Two bins: [0,10) from 100 up to 80, [10,20) from 100 up to 60.
    expect(stepBand([0, 10], [80, 60], [100, 100], 20)).toBe('M0,80H10V60H20V100H0Z');
  });

  it('draw nothing for a band with no height anywhere', () => {
    expect(stepBand([0, 10], [100, 100], [100, 100], 20)).toBe('');
  });
});
