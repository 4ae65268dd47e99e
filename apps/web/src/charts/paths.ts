/**
 * SVG path data for stepped series. Every chart in the playground is a step chart: a value holds from its point until
 * the next one, so the paths are built from horizontal and vertical moves only. Coordinates are in pixels, rounded to
 * a tenth so the strings stay short; runs of equal values collapse into one move.
 */

const r = (v: number) => Math.round(v * 10) / 10;

/**
 * A stepped line through (xs[i], ys[i]), holding each value until the next point; points where ys is NaN break the
 * line. With `endX` the last value is held until endX (a bin that spans its whole width), else the line stops at the
 * last point.
 */
export function stepLine(xs: ArrayLike<number>, ys: ArrayLike<number>, endX?: number): string {
  let d = '';
  let open = false;
  let y = 0;
  /** The x the current level has been held to without a move written yet (a run of equal values). */
  let held: number | null = null;
  const close = () => {
    if (open && held !== null) d += `H${held}`;
    open = false;
    held = null;
  };
  for (let i = 0; i < xs.length; i++) {
    const yi = ys[i]!;
    if (Number.isNaN(yi)) {
      close();
      continue;
    }
    const x = r(xs[i]!);
    if (!open) {
      y = r(yi);
      d += `M${x},${y}`;
      open = true;
    } else if (r(yi) !== y) {
      y = r(yi);
      d += `H${x}V${y}`;
      held = null;
    } else {
      held = x;
    }
  }
  if (open && endX !== undefined) held = r(endX);
  close();
  return d;
}

/**
 * The region between two stepped boundaries over bins: bin i spans xs[i]..xs[i+1] (the last one up to endX), with its
 * top at tops[i] and its bottom at bottoms[i]. Used for stacked areas, where one series' top is the next one's bottom.
 * Returns '' when the region has no height anywhere, so an empty series draws nothing.
 */
export function stepBand(xs: ArrayLike<number>, tops: ArrayLike<number>, bottoms: ArrayLike<number>, endX: number): string {
  const n = xs.length;
  let any = false;
  for (let i = 0; i < n && !any; i++) any = r(tops[i]!) !== r(bottoms[i]!);
  if (!any) return '';
  const right = (i: number) => r(i + 1 < n ? xs[i + 1]! : endX);
  let d = `M${r(xs[0]!)},${r(tops[0]!)}`;
  let y = r(tops[0]!);
  for (let i = 0; i < n; i++) {
    if (r(tops[i]!) !== y) {
      y = r(tops[i]!);
      d += `V${y}`;
    }
    if (i + 1 === n || r(tops[i + 1]!) !== y) d += `H${right(i)}`;
  }
  y = r(bottoms[n - 1]!);
  d += `V${y}`;
  for (let i = n - 1; i >= 0; i--) {
    if (r(bottoms[i]!) !== y) {
      y = r(bottoms[i]!);
      d += `V${y}`;
    }
    if (i === 0 || r(bottoms[i - 1]!) !== y) d += `H${r(xs[i]!)}`;
  }
  return `${d}Z`;
}
