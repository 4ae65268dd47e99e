/**
 * Axis ticks for the playground's charts. The rules are the ones the charts had when they were drawn with recharts
 * (five "nice" ticks, whole numbers on the value axis, the time axis pinned to the run's length), so the axes read
 * the same as before: only the drawing code changed, not what the charts say.
 */

export const TICK_COUNT = 5;

/** The order of magnitude of `v` as recharts counts it: 1 for 1..9.99, 2 for 10..99.9, 0 for 0.1..0.99. */
function digitCount(v: number): number {
  return v === 0 ? 1 : Math.floor(Math.log10(Math.abs(v))) + 1;
}

/** Removes binary floating-point noise (0.30000000000000004 → 0.3) before a value is rounded up or compared. */
const clean = (v: number) => Number(v.toPrecision(12));

/**
 * A readable step near `rough`: a multiple of 0.05 (or 0.1 for single digits) of the next power of ten, bumped by
 * `correction` units when fewer ticks must cover the range. Whole numbers only unless `decimals` is set.
 */
export function niceStep(rough: number, decimals: boolean, correction = 0): number {
  if (!(rough > 0)) return 0;
  const digits = digitCount(rough);
  const unit = clean((digits === 1 ? 0.1 : 0.05) * 10 ** digits);
  const step = clean((Math.ceil(clean(rough / unit)) + correction) * unit);
  return decimals ? step : Math.ceil(step);
}

/**
 * Ticks covering [min, max] on a value axis: always a tick at 0 when the range spans it, `count` ticks in all, and
 * the axis runs from the first tick to the last. An empty range (all zeros) gets 0..4, as an empty chart did before.
 */
export function valueTicks(min: number, max: number, count = TICK_COUNT, decimals = false): number[] {
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const mid = min === 0 ? Math.floor((count - 1) / 2) : Math.floor(min);
    return Array.from({ length: count }, (_, i) => mid + i - Math.floor((count - 1) / 2));
  }
  for (let correction = 0; ; correction++) {
    const step = niceStep((max - min) / (count - 1), decimals, correction);
    let middle = 0;
    if (!(min <= 0 && max >= 0)) {
      middle = (min + max) / 2;
      middle = clean(middle - (middle % step));
    }
    let below = Math.ceil(clean((middle - min) / step));
    let up = Math.ceil(clean((max - middle) / step));
    const used = below + up + 1;
    if (used > count) continue;
    if (max > 0) up += count - used;
    else below += count - used;
    return Array.from({ length: below + up + 1 }, (_, i) => clean(middle + (i - below) * step));
  }
}

/**
 * Ticks on a time axis pinned to [0, end]: a nice step from 0 while below `end`, then `end` itself. A tick close
 * before `end` is kept; its label is the one left out if the two would overlap (placeLabels).
 */
export function timeTicks(end: number, count = TICK_COUNT): number[] {
  if (end <= 0) return [0];
  const step = niceStep(end / (count - 1), true);
  const out: number[] = [];
  for (let t = 0; t < end; t = clean(t + step)) out.push(t);
  out.push(end);
  return out;
}

/**
 * Width of a tick label in the charts' 10 px font, estimated from DejaVu Sans advance widths (the stylesheet's first
 * font) rather than measured, so laying out an axis never forces the browser to lay out the page.
 */
export function labelWidth(text: string, fontSize = 10): number {
  let em = 0;
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') em += 0.636;
    else if (ch === ' ' || ch === '.' || ch === ',') em += 0.318;
    else if (ch === '-' || ch === '–') em += 0.361;
    else if (ch === 'm' || ch === 'w') em += 0.974;
    else em += 0.6;
  }
  return em * fontSize;
}

export interface PlacedLabel {
  /** Index of the tick the label belongs to. */
  index: number;
  /** Where the label's centre goes (the last one may be pulled inwards to fit). */
  at: number;
}

/**
 * Which tick labels to draw along an axis from `start` to `end` (start < end) so none overlaps another or leaves the
 * picture: the last label is kept (pulled inwards if it would stick out), then each earlier one is kept if it fits
 * before the one after it with `gap` to spare. `sizes[i]` is label i's extent along the axis.
 */
export function placeLabels(positions: number[], sizes: number[], start: number, end: number, gap = 5): PlacedLabel[] {
  const out: PlacedLabel[] = [];
  let limit = end;
  for (let i = positions.length - 1; i >= 0; i--) {
    const half = sizes[i]! / 2;
    let at = positions[i]!;
    if (i === positions.length - 1 && at + half > end) at = end - half;
    if (at - half >= start && at + half <= limit) {
      out.push({ index: i, at });
      limit = at - half - gap;
    }
  }
  return out.reverse();
}
