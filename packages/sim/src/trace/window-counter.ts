/**
 * Units recorded in the trailing window (t - windowMs, t], for times fed in non-decreasing order. It is both the
 * "allowed in any window" meter and, with `admit`, an exact sliding log (the ideal limiter the summary compares
 * against). Entries live in a ring buffer of (time, units) pairs that doubles when full: the summary keeps two of
 * these per key over a million decisions, and a ring neither allocates per entry nor copies to drop old ones.
 */
export class WindowCounter {
  /** Pairs: data[2i] is a time, data[2i + 1] its units. */
  private data = new Float64Array(2 * 8);
  /** Capacity in pairs minus one (the capacity is a power of two). */
  private mask = 7;
  /** Pair index of the oldest entry. */
  private head = 0;
  private count = 0;
  private sum = 0;

  constructor(private readonly windowMs: number) {}

  private expire(tMs: number): void {
    const edge = tMs - this.windowMs;
    const data = this.data;
    while (this.count > 0 && (data[2 * this.head] as number) <= edge) {
      this.sum -= data[2 * this.head + 1] as number;
      this.head = (this.head + 1) & this.mask;
      this.count -= 1;
    }
  }

  private push(tMs: number, units: number): void {
    if (this.count > this.mask) this.grow();
    const i = 2 * ((this.head + this.count) & this.mask);
    this.data[i] = tMs;
    this.data[i + 1] = units;
    this.count += 1;
    this.sum += units;
  }

  /** Doubles the ring, unrolling it so the oldest entry is first again. */
  private grow(): void {
    const old = this.data;
    const data = new Float64Array(old.length * 2);
    const split = 2 * this.head;
    data.set(old.subarray(split));
    data.set(old.subarray(0, split), old.length - split);
    this.data = data;
    this.mask = data.length / 2 - 1;
    this.head = 0;
  }

  /**
   * Records `units` at `tMs` and returns the total now in the window. A caller that only needs the total when it is
   * above `known` (a maximum so far) may pass it: old entries are then dropped only when the total might exceed it,
   * and a smaller total comes back as some number no greater than `known`. Dropping entries in batches makes the
   * summary's meter cheaper; every entry is still dropped once, and the sums of whole units stay exact.
   */
  add(tMs: number, units: number, known = -Infinity): number {
    if (this.sum + units > known) this.expire(tMs);
    this.push(tMs, units);
    return this.sum;
  }

  /**
   * Records `units` only if the window total stays within `limit`; returns whether it did. Dropping old entries only
   * lowers the total, so they are dropped only when the units might not fit without doing so.
   */
  admit(tMs: number, units: number, limit: number): boolean {
    if (this.sum + units > limit) {
      this.expire(tMs);
      if (this.sum + units > limit) return false;
    }
    this.push(tMs, units);
    return true;
  }
}
