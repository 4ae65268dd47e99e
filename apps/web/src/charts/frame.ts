/**
 * The geometry shared by every chart: the plot area inside the SVG and the two scales. The time axis always runs
 * over the whole run (0 to its duration), so the cursor overlay and the three charts of a limiter line up.
 */

/** Plot height of one chart, in CSS pixels. */
export const HEIGHT = 96;
/** Room under the last chart of a card for its time axis. */
export const AXIS_HEIGHT = 16;
/** Room left of the plot for the value axis and its labels. */
export const Y_WIDTH = 36;
export const MARGIN = { top: 6, right: 8, bottom: 0, left: 0 } as const;
/** Length of an axis tick line, and the space between it and its label. */
export const TICK_SIZE = 6;
export const TICK_MARGIN = 2;

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The value axis' ticks; the axis runs from the first to the last. */
  yTicks: number[];
  x: (tMs: number) => number;
  y: (v: number) => number;
}

export function makeFrame(width: number, axisHeight: number, durationMs: number, yTicks: number[]): Frame {
  const height = HEIGHT + axisHeight;
  const left = MARGIN.left + Y_WIDTH;
  const right = Math.max(left + 1, width - MARGIN.right);
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom - axisHeight;
  const lo = yTicks[0] ?? 0;
  const hi = yTicks[yTicks.length - 1] ?? 1;
  const span = hi - lo || 1;
  const duration = Math.max(1, durationMs);
  return {
    width, height, left, right, top, bottom, yTicks,
    x: (t) => left + ((right - left) * t) / duration,
    y: (v) => bottom - ((bottom - top) * (v - lo)) / span,
  };
}
