import type { ReactNode } from 'react';
import type { PALETTE } from '../ui/theme';
import { TICK_MARGIN, TICK_SIZE, type Frame } from './frame';
import { labelWidth, placeLabels, timeTicks } from './ticks';

export type Palette = (typeof PALETTE)[keyof typeof PALETTE];

/** The charts' font, set on the SVG itself so an exported PNG (serialized SVG) uses it too. */
const FONT = 'DejaVu Sans, Liberation Sans, system-ui, sans-serif';
const FONT_SIZE = 10;
/** A label's extent along a vertical axis: about one line of the 10 px font. */
const LABEL_HEIGHT = 12;

const msLabel = (t: number) => `${t} ms`;

/**
 * One chart's SVG: horizontal grid lines at the value ticks, the series (children), an optional dashed reference line,
 * the value axis on the left and, for the last chart of a card, the time axis below. Plain SVG, drawn in one React
 * render: no measuring, no chart library state, so twelve charts redraw in a few milliseconds.
 */
export function Plot(props: { frame: Frame; c: Palette; labelledBy: string; timeAxis?: boolean; durationMs: number; reference?: number | null; children: ReactNode }) {
  const { frame: f, c } = props;
  // Value labels are laid out from the bottom of the picture up; one that would not fit inside it is left out.
  const ys = f.yTicks.map((v) => f.height - f.y(v));
  const yLabels = placeLabels(ys, ys.map(() => LABEL_HEIGHT), 0, f.height);
  const times = props.timeAxis ? timeTicks(props.durationMs) : [];
  const xs = times.map((t) => f.x(t));
  const xLabels = props.timeAxis ? placeLabels(xs, times.map((t) => labelWidth(msLabel(t), FONT_SIZE)), 0, f.width) : [];
  return (
    <svg className="chart-svg" width={f.width} height={f.height} role="img" aria-labelledby={props.labelledBy} fontFamily={FONT} fontSize={FONT_SIZE}>
      {/* Grid lines, ticks and labels are keyed by position, not value: when a re-run changes the ticks, React moves
          the existing elements instead of removing and creating them. */}
      <g stroke={c.grid} shapeRendering="crispEdges">
        {f.yTicks.map((v, i) => <line key={i} x1={f.left} x2={f.right} y1={f.y(v)} y2={f.y(v)} />)}
      </g>
      {props.children}
      {props.reference !== undefined && props.reference !== null && (
        <line x1={f.left} x2={f.right} y1={f.y(props.reference)} y2={f.y(props.reference)} stroke={c.limit} strokeDasharray="4 3" />
      )}
      <g stroke={c.grid} shapeRendering="crispEdges">
        <line x1={f.left} x2={f.left} y1={f.top} y2={f.bottom} />
        {f.yTicks.map((v, i) => <line key={i} x1={f.left - TICK_SIZE} x2={f.left} y1={f.y(v)} y2={f.y(v)} />)}
        {props.timeAxis && <line x1={f.left} x2={f.right} y1={f.bottom} y2={f.bottom} />}
        {xs.map((x, i) => <line key={i} x1={x} x2={x} y1={f.bottom} y2={f.bottom + TICK_SIZE} />)}
      </g>
      <g fill={c.text}>
        {yLabels.map(({ index, at }) => (
          <text key={index} x={f.left - TICK_SIZE - TICK_MARGIN} y={f.height - at} dy="0.355em" textAnchor="end">{f.yTicks[index]}</text>
        ))}
        {xLabels.map(({ index, at }) => (
          <text key={index} x={at} y={f.bottom + TICK_SIZE + TICK_MARGIN} dy="0.71em" textAnchor="middle">{msLabel(times[index]!)}</text>
        ))}
      </g>
    </svg>
  );
}
