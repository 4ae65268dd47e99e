import type { LimiterJson, TraceLimiter } from '../state/types';

/** The most points a chart draws: traces are binned down to this so a 10,000-request run redraws quickly. */
export const MAX_BINS = 120;

export interface TrafficBin {
  t: number;
  allowed: number;
  delayed: number;
  blocked: number;
}

/**
 * The window a limiter is judged over: its own `windowMs`, or for the bucket algorithms and GCRA the time to
 * refill from empty to full (the same length `maxAllowedInAnyWindow` uses in scenario.md).
 */
export function judgingWindowMs(l: LimiterJson): number | null {
  const n = (k: string) => (typeof l[k] === 'number' ? (l[k] as number) : null);
  const w = n('windowMs');
  if (w !== null) return w;
  const cap = n('capacity') ?? n('burst');
  const rate = n('refillPerSecond') ?? n('leakPerSecond') ?? n('ratePerSecond');
  return cap !== null && rate ? Math.ceil((cap * 1000) / rate) : null;
}

/** The rule's capacity, limit or burst: the line the admitted-count chart is drawn against. */
export function ruleLimit(l: LimiterJson): number | null {
  for (const k of ['limit', 'capacity', 'burst']) if (typeof l[k] === 'number') return l[k] as number;
  return null;
}

export function binWidth(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs / MAX_BINS));
}

export function trafficBins(l: TraceLimiter, durationMs: number): TrafficBin[] {
  const width = binWidth(durationMs);
  const n = Math.max(1, Math.ceil(durationMs / width));
  const bins: TrafficBin[] = Array.from({ length: n }, (_, i) => ({ t: i * width, allowed: 0, delayed: 0, blocked: 0 }));
  for (const d of l.decisions) {
    const b = bins[Math.min(n - 1, Math.max(0, Math.floor(d.tMs / width)))]!;
    if (!d.allowed) b.blocked++;
    else if ((d.delayMs ?? 0) > 0) b.delayed++;
    else b.allowed++;
  }
  return bins;
}

/** The key with the most decisions: state and window charts follow one key, because limiter state is per key. */
export function busiestKey(l: TraceLimiter): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  let bestN = 0;
  for (const d of l.decisions) {
    const c = (counts.get(d.key) ?? 0) + 1;
    counts.set(d.key, c);
    if (c > bestN) {
      best = d.key;
      bestN = c;
    }
  }
  return best;
}

/** Fields of describe() that are absolute timestamps: shown in the inspector, not charted against counts. */
const NOT_CHARTED = new Set(['tat']);

export interface StateSeries {
  fields: string[];
  points: Record<string, number>[];
}

/** The algorithm's state after each decision on `key`, binned keeping the last value in each bin. */
export function stateSeries(l: TraceLimiter, key: string | null, durationMs: number): StateSeries {
  const width = binWidth(durationMs);
  const byBin = new Map<number, Record<string, number>>();
  const fields = new Set<string>();
  for (const d of l.decisions) {
    if (d.key !== key || !d.stateAfter) continue;
    const bin = Math.floor(d.tMs / width);
    const point: Record<string, number> = { t: bin * width };
    for (const [k, v] of Object.entries(d.stateAfter)) {
      if (NOT_CHARTED.has(k) || typeof v !== 'number') continue;
      fields.add(k);
      point[k] = Math.round(v * 1000) / 1000;
    }
    byBin.set(bin, point);
  }
  return { fields: [...fields], points: [...byBin.values()] };
}

/**
 * For each allowed request on `key`, how many requests were allowed on that key in the window ending there
 * (two pointers, linear), then binned keeping each bin's maximum so a one-moment spike is never averaged away.
 */
export function admittedInWindow(l: TraceLimiter, key: string | null, windowMs: number, durationMs: number): { t: number; admitted: number }[] {
  const times: number[] = [];
  for (const d of l.decisions) if (d.key === key && d.allowed) times.push(d.tMs);
  const width = binWidth(durationMs);
  const out = new Map<number, number>();
  let start = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    while (times[start]! <= t - windowMs) start++;
    const count = i - start + 1;
    const bin = Math.floor(t / width);
    out.set(bin, Math.max(out.get(bin) ?? 0, count));
  }
  const n = Math.max(1, Math.ceil(durationMs / width));
  return Array.from({ length: n }, (_, b) => ({ t: b * width, admitted: out.get(b) ?? 0 }));
}
