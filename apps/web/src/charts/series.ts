import type { LimiterColumns } from '../run/columns';
import type { LimiterJson } from '../state/types';

/** The columns a chart reads; `upTo` hides decisions after it (predict mode) without copying anything. */
type Cols = Pick<LimiterColumns, 'n' | 'tMs' | 'allowed' | 'delayMs' | 'key' | 'detail'>;

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

export function trafficBins(l: Cols, durationMs: number, upTo = Infinity): TrafficBin[] {
  const width = binWidth(durationMs);
  const n = Math.max(1, Math.ceil(durationMs / width));
  const bins: TrafficBin[] = Array.from({ length: n }, (_, i) => ({ t: i * width, allowed: 0, delayed: 0, blocked: 0 }));
  for (let i = 0; i < l.n && l.tMs[i]! <= upTo; i++) {
    const b = bins[Math.min(n - 1, Math.max(0, Math.floor(l.tMs[i]! / width)))]!;
    if (l.allowed[i] === 0) b.blocked++;
    else if (l.delayMs[i]! > 0) b.delayed++;
    else b.allowed++;
  }
  return bins;
}

/** The key with the most decisions: state and window charts follow one key, because limiter state is per key. */
export function busiestKey(l: Cols): number {
  // Keys are indices into the trace's strings table, so a typed array counts them (a Map per decision costs more).
  let top = -1;
  for (let i = 0; i < l.n; i++) if (l.key[i]! > top) top = l.key[i]!;
  const counts = new Int32Array(top + 1);
  let best = -1;
  let bestN = 0;
  for (let i = 0; i < l.n; i++) {
    const k = l.key[i]!;
    const c = ++counts[k]!;
    if (c > bestN) {
      best = k;
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

/**
 * The algorithm's state after each decision on `key`, binned keeping the last value in each bin. One pass finds each
 * bin's last decision that has state to show; only those (at most MAX_BINS) become points, so a 10,000-decision run
 * allocates a hundred small objects, not ten thousand.
 */
export function stateSeries(l: Cols, key: number, durationMs: number, upTo = Infinity): StateSeries {
  const detail = l.detail;
  if (!detail) return { fields: [], points: [] };
  const width = binWidth(durationMs);
  const cols = detail.fields.map((f, j) => ({ f, col: detail.after[j]! })).filter((c) => !NOT_CHARTED.has(c.f));
  const used = new Array<boolean>(cols.length).fill(false);
  const lastInBin = new Map<number, number>();
  for (let i = 0; i < l.n && l.tMs[i]! <= upTo; i++) {
    if (l.key[i] !== key) continue;
    let any = false;
    for (let j = 0; j < cols.length; j++) {
      if (Number.isNaN(cols[j]!.col[i]!)) continue;
      used[j] = true;
      any = true;
    }
    if (any) lastInBin.set(Math.floor(l.tMs[i]! / width), i);
  }
  const points = [...lastInBin].map(([bin, i]) => {
    const point: Record<string, number> = { t: bin * width };
    for (const { f, col } of cols) if (!Number.isNaN(col[i]!)) point[f] = Math.round(col[i]! * 1000) / 1000;
    return point;
  });
  return { fields: cols.filter((_, j) => used[j]).map((c) => c.f), points };
}

/**
 * For each allowed request on `key`, how many requests were allowed on that key in the window ending there
 * (two pointers, linear), then binned keeping each bin's maximum so a one-moment spike is never averaged away.
 */
export function admittedInWindow(l: Cols, key: number, windowMs: number, durationMs: number, upTo = Infinity): { t: number; admitted: number }[] {
  const times: number[] = [];
  for (let i = 0; i < l.n && l.tMs[i]! <= upTo; i++) if (l.key[i] === key && l.allowed[i] === 1) times.push(l.tMs[i]!);
  const width = binWidth(durationMs);
  const n = Math.max(1, Math.ceil(durationMs / width));
  // One slot per drawn bin instead of a map entry per decision; decisions outside the drawn bins are not drawn.
  const out = new Float64Array(n);
  let start = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    while (times[start]! <= t - windowMs) start++;
    const count = i - start + 1;
    const bin = Math.floor(t / width);
    if (bin >= 0 && bin < n && count > out[bin]!) out[bin] = count;
  }
  return Array.from({ length: n }, (_, b) => ({ t: b * width, admitted: out[b]! }));
}
