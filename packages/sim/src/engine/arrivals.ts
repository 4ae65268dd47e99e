import { stream, type Prng } from '../prng.js';
import type { ArrivalSpec } from '../scenario/types.js';

/** One client's arrival times in order, produced lazily (a client may generate 100,000 of them). */
export interface ArrivalStream {
  /** The next arrival time in whole ms, or Infinity when the client is done. */
  next(): number;
}

// One class per kind rather than a closure per client: every client of a kind then shares one `next`, which the
// engine's hot loop can inline (a closure per client is a different function each time).

class TimesStream implements ArrivalStream {
  private i = 0;
  constructor(private readonly times: number[]) {}
  next(): number {
    return this.i < this.times.length ? (this.times[this.i++] as number) : Infinity;
  }
}

class BurstStream implements ArrivalStream {
  private i = 0;
  constructor(
    private readonly spec: Extract<ArrivalSpec, { kind: 'burst' }>,
    private readonly durationMs: number,
  ) {}
  next(): number {
    const { spec } = this;
    if (this.i >= spec.count) return Infinity;
    // Spread evenly over [atMs, atMs + spreadMs); requests that would fall after the run are not made.
    const t = spec.atMs + Math.floor((this.i * spec.spreadMs) / spec.count);
    this.i += 1;
    return t < this.durationMs ? t : Infinity;
  }
}

class SteadyStream implements ArrivalStream {
  private i = 0;
  constructor(
    private readonly from: number,
    private readonly to: number,
    private readonly gap: number,
  ) {}
  next(): number {
    const t = Math.floor(this.from + this.i * this.gap);
    this.i += 1;
    return t < this.to ? t : Infinity;
  }
}

class PoissonStream implements ArrivalStream {
  constructor(
    private t: number,
    private readonly to: number,
    private readonly mean: number,
    private readonly rng: Prng,
  ) {}
  next(): number {
    this.t += -Math.log(1 - this.rng.next()) * this.mean;
    const ms = Math.floor(this.t);
    return ms < this.to ? ms : Infinity;
  }
}

/** Builds the stream of a client. Poisson draws from the client's own PRNG stream, so it is the same in every limiter run. */
export function arrivalStream(spec: ArrivalSpec, durationMs: number, seed: number, clientIndex: number): ArrivalStream {
  switch (spec.kind) {
    case 'times':
      return new TimesStream([...spec.atMs].sort((a, b) => a - b));
    case 'burst':
      return new BurstStream(spec, durationMs);
    case 'steady':
      return new SteadyStream(spec.fromMs ?? 0, Math.min(spec.toMs ?? durationMs, durationMs), 1000 / spec.ratePerSecond);
    case 'poisson': {
      const to = Math.min(spec.toMs ?? durationMs, durationMs);
      return new PoissonStream(spec.fromMs ?? 0, to, 1000 / spec.ratePerSecond, stream(seed, 'arrivals', clientIndex));
    }
  }
}
