/** The arrival kinds as the estimate needs them (the schema's output shape). */
export type ArrivalSpec =
  | { kind: 'times'; atMs: number[] }
  | { kind: 'steady' | 'poisson'; ratePerSecond: number; fromMs?: number; toMs?: number }
  | { kind: 'burst'; atMs: number; count: number; spreadMs: number };

/**
 * How many requests a client will generate, estimated before running so oversized scenarios are refused up
 * front. Poisson counts are random, so their estimate adds a generous margin; the engine also enforces the
 * limit while running.
 */
export function estimateArrivals(a: ArrivalSpec, durationMs: number): number {
  switch (a.kind) {
    case 'times':
      return a.atMs.length;
    case 'burst':
      return a.count;
    case 'steady':
    case 'poisson': {
      const span = Math.max(0, Math.min(a.toMs ?? durationMs, durationMs) - (a.fromMs ?? 0));
      const expected = (span * a.ratePerSecond) / 1000;
      return a.kind === 'steady' ? Math.ceil(expected) : expected + 6 * Math.sqrt(expected) + 10;
    }
  }
}
