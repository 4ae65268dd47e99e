/**
 * The simulator's event queue: a binary min-heap ordered by (time, sequence number). The sequence number is
 * handed out on insertion, so events at the same millisecond run in the order they were scheduled, the one
 * tie-break rule that makes every run reproducible. Kept as parallel arrays rather than objects because the
 * benchmark pushes millions of events through it.
 */
export class EventQueue<P> {
  private times: number[] = [];
  private seqs: number[] = [];
  private payloads: P[] = [];
  private nextSeq = 0;
  private readonly cancelled = new Set<number>();

  /** Events still scheduled, cancelled ones included until they reach the top. */
  get size(): number {
    return this.times.length;
  }

  /** Schedules `payload` at `tMs`; returns its sequence number, which also identifies it for `cancel`. */
  push(tMs: number, payload: P): number {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    const times = this.times;
    const seqs = this.seqs;
    const payloads = this.payloads;
    let i = times.length;
    times.push(tMs);
    seqs.push(seq);
    payloads.push(payload);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < tMs || (pt === tMs && (seqs[parent] as number) < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent] as number;
      payloads[i] = payloads[parent] as P;
      i = parent;
    }
    times[i] = tMs;
    seqs[i] = seq;
    payloads[i] = payload;
    return seq;
  }

  /** The sequence number the next `push` will hand out. */
  get nextSequence(): number {
    return this.nextSeq;
  }

  /** The sequence number of the next live event (call after `peekTime` found one). */
  peekSeq(): number {
    this.dropCancelled();
    return this.seqs.length === 0 ? Infinity : (this.seqs[0] as number);
  }

  /** Removes a scheduled event (used for timers xstate clears); it is skipped when it reaches the top. */
  cancel(seq: number): void {
    // Only breaker timers are ever cancelled, so a linear scan is cheap; it ignores events that already ran.
    if (this.seqs.includes(seq)) this.cancelled.add(seq);
  }

  /** The time of the next live event, or Infinity when none is left. */
  peekTime(): number {
    this.dropCancelled();
    return this.times.length === 0 ? Infinity : (this.times[0] as number);
  }

  /** Removes and returns the next live event, or undefined when none is left. */
  pop(): { tMs: number; seq: number; payload: P } | undefined {
    this.dropCancelled();
    if (this.times.length === 0) return undefined;
    const tMs = this.times[0] as number;
    const seq = this.seqs[0] as number;
    const payload = this.payloads[0] as P;
    this.removeTop();
    return { tMs, seq, payload };
  }

  /** Removes the next live event and returns only its payload (no wrapper object: the engine's hot path). */
  popPayload(): P | undefined {
    this.dropCancelled();
    if (this.times.length === 0) return undefined;
    const payload = this.payloads[0] as P;
    this.removeTop();
    return payload;
  }

  private dropCancelled(): void {
    while (this.cancelled.size > 0 && this.times.length > 0 && this.cancelled.has(this.seqs[0] as number)) {
      this.cancelled.delete(this.seqs[0] as number);
      this.removeTop();
    }
  }

  private removeTop(): void {
    const times = this.times;
    const seqs = this.seqs;
    const payloads = this.payloads;
    const lastT = times.pop() as number;
    const lastS = seqs.pop() as number;
    const lastP = payloads.pop() as P;
    const n = times.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n) {
        const lt = times[l] as number;
        const rt = times[r] as number;
        if (rt < lt || (rt === lt && (seqs[r] as number) < (seqs[l] as number))) c = r;
      }
      const ct = times[c] as number;
      if (ct > lastT || (ct === lastT && (seqs[c] as number) > lastS)) break;
      times[i] = ct;
      seqs[i] = seqs[c] as number;
      payloads[i] = payloads[c] as P;
      i = c;
    }
    times[i] = lastT;
    seqs[i] = lastS;
    payloads[i] = lastP;
  }
}
