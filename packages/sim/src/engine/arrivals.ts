import { stream, type Prng } from '../prng.js';
import type { ArrivalSpec } from '../scenario/types.js';

/** One client's arrival times in order, produced lazily (a client may generate 100,000 of them). */
export interface ArrivalStream {
  /** The next arrival time in whole ms, or Infinity when the client is done. */
  next(): number;
}

/** Builds the stream of a client. Poisson draws from the client's own PRNG stream, so it is the same in every limiter run. */
export function arrivalStream(spec: ArrivalSpec, durationMs: number, seed: number, clientIndex: number): ArrivalStream {
  switch (spec.kind) {
    case 'times': {
      const times = [...spec.atMs].sort((a, b) => a - b);
      let i = 0;
      return { next: () => (i < times.length ? (times[i++] as number) : Infinity) };
    }
    case 'burst': {
      let i = 0;
      return {
        next() {
          if (i >= spec.count) return Infinity;
          // Spread evenly over [atMs, atMs + spreadMs); requests that would fall after the run are not made.
          const t = spec.atMs + Math.floor((i * spec.spreadMs) / spec.count);
          i += 1;
          return t < durationMs ? t : Infinity;
        },
      };
    }
    case 'steady': {
      const from = spec.fromMs ?? 0;
      const to = Math.min(spec.toMs ?? durationMs, durationMs);
      const gap = 1000 / spec.ratePerSecond;
      let i = 0;
      return {
        next() {
          const t = Math.floor(from + i * gap);
          i += 1;
          return t < to ? t : Infinity;
        },
      };
    }
    case 'poisson': {
      const from = spec.fromMs ?? 0;
      const to = Math.min(spec.toMs ?? durationMs, durationMs);
      const mean = 1000 / spec.ratePerSecond;
      const rng: Prng = stream(seed, 'arrivals', clientIndex);
      let t = from;
      return {
        next() {
          t += -Math.log(1 - rng.next()) * mean;
          const ms = Math.floor(t);
          return ms < to ? ms : Infinity;
        },
      };
    }
  }
}

/**
 * Merges the clients' streams into one schedule ordered by (time, client index), the contract's rule for
 * arrivals at the same millisecond. Keys are `time * 4096 + client`, exact in a double for a day of virtual time.
 */
export class ArrivalSchedule {
  private readonly heap: number[] = [];
  private readonly streams: ArrivalStream[];
  /** Maximum clients the packed key can hold. */
  static readonly MAX_CLIENTS = 4096;

  constructor(streams: ArrivalStream[]) {
    if (streams.length > ArrivalSchedule.MAX_CLIENTS) throw new RangeError(`at most ${ArrivalSchedule.MAX_CLIENTS} clients`);
    this.streams = streams;
    streams.forEach((s, i) => {
      const t = s.next();
      if (t !== Infinity) this.insert(t * 4096 + i);
    });
  }

  /** Time of the next arrival, or Infinity. */
  peekTime(): number {
    return this.heap.length === 0 ? Infinity : Math.floor((this.heap[0] as number) / 4096);
  }

  /** Takes the next arrival: returns the client index and schedules that client's following arrival. */
  take(): number {
    const top = this.heap[0] as number;
    const client = top % 4096;
    const next = (this.streams[client] as ArrivalStream).next();
    if (next === Infinity) this.removeTop();
    else this.replaceTop(next * 4096 + client);
    return client;
  }

  private insert(key: number): void {
    const h = this.heap;
    let i = h.length;
    h.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((h[p] as number) <= key) break;
      h[i] = h[p] as number;
      i = p;
    }
    h[i] = key;
  }

  private removeTop(): void {
    const last = this.heap.pop() as number;
    if (this.heap.length > 0) this.replaceTop(last);
  }

  private replaceTop(key: number): void {
    const h = this.heap;
    const n = h.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (h[r] as number) < (h[l] as number) ? r : l;
      if ((h[c] as number) >= key) break;
      h[i] = h[c] as number;
      i = c;
    }
    h[i] = key;
  }
}
