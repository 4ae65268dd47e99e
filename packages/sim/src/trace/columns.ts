/**
 * A column of numbers: a typed array, as narrow as the values stored so far allow. A million decisions written
 * into fresh memory cost time in page faults and cache misses in proportion to their bytes, and most of their
 * numbers are small whole numbers, so a column starts narrow and is widened the first time a value does not fit.
 */
export type Column = Uint8Array | Uint16Array | Int32Array | Float64Array;

type ColumnType = new (length: number) => Column;

/** Whether `v` survives a round trip through `col`'s type: a fraction, a large number or -0 may not. */
export function fits(col: Column, v: number): boolean {
  if (col instanceof Float64Array) return true;
  if (Object.is(v, -0) || !Number.isInteger(v)) return false;
  if (col instanceof Uint8Array) return v >= 0 && v <= 0xff;
  if (col instanceof Uint16Array) return v >= 0 && v <= 0xffff;
  return v >= -0x80000000 && v <= 0x7fffffff;
}

/**
 * `col` (its first `length` values kept, same capacity) in a type that also holds `v`: Int32Array for a whole
 * number that fits 32 bits, else Float64Array, which holds every number exactly (and is returned as it is).
 */
export function widen(col: Column, length: number, v: number): Column {
  if (col instanceof Float64Array) return col;
  const Wider: ColumnType = fits(new Int32Array(0), v) ? Int32Array : Float64Array;
  const out = new Wider(col.length);
  out.set(col.subarray(0, length));
  return out;
}

/** `col` with room for `capacity` values, its first `length` values kept. */
export function resized(col: Column, length: number, capacity: number): Column {
  const out = new (col.constructor as ColumnType)(capacity);
  out.set(col.subarray(0, length));
  return out;
}

/** A copy of `col` in which position `j` holds `col[order[j]]`. */
export function permuted(col: Column, order: readonly number[]): Column {
  const out = new (col.constructor as ColumnType)(col.length);
  for (let j = 0; j < order.length; j += 1) out[j] = col[order[j] as number] as number;
  return out;
}
