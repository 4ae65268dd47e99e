import { describe, expect, it } from 'vitest';
import { fits, permuted, resized, widen } from './columns.js';

describe('columns', () => {
  it('fits says whether a value survives the column type', () => {
    expect([0, 255, 256, -1, 0.5].map((v) => fits(new Uint8Array(1), v))).toEqual([true, true, false, false, false]);
    expect([65_535, 65_536].map((v) => fits(new Uint16Array(1), v))).toEqual([true, false]);
    expect([-(2 ** 31), 2 ** 31, -0].map((v) => fits(new Int32Array(1), v))).toEqual([true, false, false]);
    expect([2 ** 60, 0.1, -0, NaN].every((v) => fits(new Float64Array(1), v))).toBe(true);
  });

  it('widen keeps the values so far in the narrowest type that also holds the new one', () => {
    const small = Uint8Array.from([1, 2, 3, 0]);
    const wider = widen(small, 3, 1000);
    expect(wider).toBeInstanceOf(Int32Array);
    expect([...wider]).toEqual([1, 2, 3, 0]);
    expect(widen(small, 3, 0.5)).toBeInstanceOf(Float64Array);
    const doubles = new Float64Array(2);
    expect(widen(doubles, 1, -0)).toBe(doubles);
  });

  it('resized and permuted keep the type', () => {
    const col = Int32Array.from([5, 6, 7]);
    expect(resized(col, 2, 4)).toEqual(Int32Array.from([5, 6, 0, 0]));
    expect(permuted(col, [2, 0, 1])).toEqual(Int32Array.from([7, 5, 6]));
  });
});
