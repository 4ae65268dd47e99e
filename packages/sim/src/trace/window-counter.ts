/**
 * Units recorded in the trailing window (t - windowMs, t], for times fed in non-decreasing order. It is both the
 * "allowed in any window" meter and, with `admit`, an exact sliding log (the ideal limiter the summary compares
 * against). Old entries are skipped by a head index and compacted now and then, so each entry costs O(1).
 */
export class WindowCounter {
  private times: number[] = [];
  private units: number[] = [];
  private head = 0;
  private sum = 0;

  constructor(private readonly windowMs: number) {}

  private expire(tMs: number): void {
    const edge = tMs - this.windowMs;
    while (this.head < this.times.length && (this.times[this.head] as number) <= edge) {
      this.sum -= this.units[this.head] as number;
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.units = this.units.slice(this.head);
      this.head = 0;
    }
  }

  /** Records `units` at `tMs` and returns the total now in the window. */
  add(tMs: number, units: number): number {
    this.expire(tMs);
    this.times.push(tMs);
    this.units.push(units);
    this.sum += units;
    return this.sum;
  }

  /** Records `units` only if the window total stays within `limit`; returns whether it did. */
  admit(tMs: number, units: number, limit: number): boolean {
    this.expire(tMs);
    if (this.sum + units > limit) return false;
    this.times.push(tMs);
    this.units.push(units);
    this.sum += units;
    return true;
  }
}
