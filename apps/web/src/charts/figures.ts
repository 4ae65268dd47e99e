import type { Frame } from './frame';
import { stepBand, stepLine } from './paths';
import type { StateSeries, TrafficBin } from './series';
import { valueTicks } from './ticks';

/**
 * Turns the chart series (series.ts) into SVG paths. The series are already reduced to at most MAX_BINS points per
 * chart, so each figure is a handful of paths however many decisions the run made.
 */

/** Traffic: allowed, delayed and blocked stacked in that order; each bin spans its whole width. */
export function trafficTicks(bins: TrafficBin[]): number[] {
  let max = 0;
  for (const b of bins) max = Math.max(max, b.allowed + b.delayed + b.blocked);
  return valueTicks(0, max);
}

export function trafficPaths(bins: TrafficBin[], binWidthMs: number, durationMs: number, f: Frame): { allowed: string; delayed: string; blocked: string } {
  if (bins.length === 0) return { allowed: '', delayed: '', blocked: '' };
  const xs = bins.map((b) => f.x(b.t));
  // The last bin ends with the run, not at its own start: every bin's requests are drawn over the bin's width.
  const endX = f.x(Math.min(durationMs, bins[bins.length - 1]!.t + binWidthMs));
  const base = bins.map(() => f.y(0));
  const a = bins.map((b) => f.y(b.allowed));
  const ad = bins.map((b) => f.y(b.allowed + b.delayed));
  const all = bins.map((b) => f.y(b.allowed + b.delayed + b.blocked));
  return { allowed: stepBand(xs, a, base, endX), delayed: stepBand(xs, ad, a, endX), blocked: stepBand(xs, all, ad, endX) };
}

/** State: one stepped line per field, broken where a point lacks the field; it ends at the key's last decision. */
export function stateTicks(state: StateSeries): number[] {
  let min = 0;
  let max = 0;
  for (const p of state.points) {
    for (const f of state.fields) {
      const v = p[f];
      if (v === undefined) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return valueTicks(min, max);
}

export function statePaths(state: StateSeries, f: Frame): string[] {
  const xs = state.points.map((p) => f.x(p.t!));
  return state.fields.map((field) => stepLine(xs, state.points.map((p) => (p[field] === undefined ? Number.NaN : f.y(p[field]))), undefined));
}

/** Admitted in a window: the count line per bin, against the rule's limit (the axis always reaches the limit). */
export function windowTicks(points: { admitted: number }[], limit: number | null): number[] {
  let max = limit ?? 0;
  for (const p of points) max = Math.max(max, p.admitted);
  return valueTicks(0, max);
}

export function windowPath(points: { t: number; admitted: number }[], binWidthMs: number, durationMs: number, f: Frame): string {
  if (points.length === 0) return '';
  const endX = f.x(Math.min(durationMs, points[points.length - 1]!.t + binWidthMs));
  return stepLine(points.map((p) => f.x(p.t)), points.map((p) => f.y(p.admitted)), endX);
}
