/**
 * The simulator's only source of randomness: mulberry32, a small, well-known 32-bit generator, seeded from the
 * scenario's seed. Separate named streams (arrivals per client, network, routing, retry jitter) are derived from
 * that one seed with splitmix32, so every limiter in a scenario sees exactly the same arrivals even though their
 * different decisions make them draw different numbers of retry delays.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

/** splitmix32's finaliser: mixes a 32-bit value so nearby inputs give unrelated outputs. */
function mix(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** The generator of one named stream of a run: same seed and name, same numbers, everywhere. */
export function stream(seed: number, name: string, index = 0): Prng {
  let h = mix(seed >>> 0);
  for (let i = 0; i < name.length; i += 1) h = mix(h ^ name.charCodeAt(i));
  return new Prng(mix(h ^ index));
}
