import { stream, type Prng } from '../prng.js';
import type { Fault, Topology } from '../scenario/types.js';

/**
 * The simulated network between replicas and Redis: a one-way latency per leg drawn from the run's network
 * stream, and the faults, looked up by the virtual time at which a command reaches Redis ([fromMs, toMs)).
 */
export class Network {
  private readonly rng: Prng;
  private readonly min: number;
  private readonly spread: number;
  private readonly faults: Fault[];

  constructor(topology: Topology, faults: Fault[], seed: number) {
    this.rng = stream(seed, 'network');
    this.min = topology.latencyMs.min;
    this.spread = topology.latencyMs.max - topology.latencyMs.min;
    this.faults = faults;
  }

  /** One leg's latency in whole ms; with min = max nothing is drawn. */
  latency(): number {
    return this.spread === 0 ? this.min : this.min + Math.floor(this.rng.next() * (this.spread + 1));
  }

  /** What Redis is like at `tMs`: down, slow by some ms, or fine (0). Down wins over slow; slow delays add up. */
  conditionAt(tMs: number): { down: boolean; extraMs: number } {
    let down = false;
    let extraMs = 0;
    for (const f of this.faults) {
      if (tMs < f.fromMs || tMs >= f.toMs) continue;
      if (f.kind === 'redis-down') down = true;
      else extraMs += f.extraLatencyMs;
    }
    return { down, extraMs };
  }

  /** No latency on either leg and no faults: every command is answered at the millisecond it is sent. */
  get instant(): boolean {
    return this.min === 0 && this.spread === 0 && this.faults.length === 0;
  }

  get hasFaults(): boolean {
    return this.faults.length > 0;
  }
}
