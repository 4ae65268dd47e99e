import { memo, useMemo } from 'react';
import type { LimiterColumns } from '../run/columns';
import type { LimiterJson } from '../state/types';
import { PALETTE } from '../ui/theme';
import { statePaths, stateTicks, trafficPaths, trafficTicks, windowPath, windowTicks } from './figures';
import { AXIS_HEIGHT, HEIGHT, makeFrame, MARGIN, Y_WIDTH } from './frame';
import { Plot, type Palette } from './Plot';
import { admittedInWindow, binWidth, busiestKey, judgingWindowMs, ruleLimit, stateSeries, trafficBins, type StateSeries, type TrafficBin } from './series';
import { useWidth } from './use-width';

interface Props {
  limiter: LimiterColumns;
  /** Interned strings of the trace (key names). */
  strings: string[];
  rule: LimiterJson;
  durationMs: number;
  theme: 'light' | 'dark';
  cursorMs: number;
  revealUntil: number | null;
}

/**
 * The three charts of one limiter: traffic (allowed / delayed / blocked per time bin), the algorithm's state for
 * its busiest key, and that key's admitted count in a sliding window against the limit. The cursor is an overlay,
 * so moving it never re-renders a chart. The charts are plain SVG paths built from the binned series: a redraw is one
 * React render with no measuring, which is what lets a parameter change on a large run redraw within a frame or two.
 */
export function LimiterCharts({ limiter, strings, rule, durationMs, theme, cursorMs, revealUntil }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const left = `calc(${Y_WIDTH + MARGIN.left}px + (100% - ${Y_WIDTH + MARGIN.left + MARGIN.right}px) * ${Math.min(1, cursorMs / Math.max(1, durationMs))})`;
  return (
    <div className="limiter-charts" ref={ref}>
      <Charts limiter={limiter} strings={strings} rule={rule} durationMs={durationMs} theme={theme} upTo={revealUntil ?? Infinity} width={width} />
      <div className="cursor" style={{ left }} aria-hidden="true" />
    </div>
  );
}

const Charts = memo(function Charts({ limiter, strings, rule, durationMs, theme, upTo, width }: Omit<Props, 'cursorMs' | 'revealUntil'> & { upTo: number; width: number }) {
  const c = PALETTE[theme];
  // Keyed on the columns themselves: when a large run's detail arrives, only the state chart recomputes.
  const { tMs, detail } = limiter;
  const keyIndex = useMemo(() => busiestKey(limiter), [tMs]); // eslint-disable-line react-hooks/exhaustive-deps
  const key = keyIndex >= 0 ? strings[keyIndex] : undefined;
  const traffic = useMemo(() => trafficBins(limiter, durationMs, upTo), [tMs, durationMs, upTo]); // eslint-disable-line react-hooks/exhaustive-deps
  const state = useMemo(() => stateSeries(limiter, keyIndex, durationMs, upTo), [tMs, detail, keyIndex, durationMs, upTo]); // eslint-disable-line react-hooks/exhaustive-deps
  const windowMs = limiter.summary.windowMs ?? judgingWindowMs(rule);
  const limit = ruleLimit(rule);
  const admitted = useMemo(() => (windowMs ? admittedInWindow(limiter, keyIndex, windowMs, durationMs, upTo) : []), [tMs, keyIndex, windowMs, durationMs, upTo]); // eslint-disable-line react-hooks/exhaustive-deps
  const id = `${limiter.id}-chart`;
  // Three memoized figures: when a large run's detail arrives, only the state figure redraws.
  return (
    <>
      <TrafficFigure id={id} data={traffic} c={c} width={width} durationMs={durationMs} />
      <StateFigure id={id} state={state} keyName={key} c={c} width={width} durationMs={durationMs} />
      <WindowFigure id={id} data={admitted} keyName={key} windowMs={windowMs} limit={limit} c={c} width={width} durationMs={durationMs} />
    </>
  );
});

interface Common {
  id: string;
  c: Palette;
  /** The card's width in CSS pixels; 0 until it has been measured once, when only the captions are drawn. */
  width: number;
  durationMs: number;
}

/** Keeps a figure's height while its width is still unknown, so the page does not jump when the charts appear. */
const Placeholder = ({ height }: { height: number }) => <div style={{ height }} />;

const TrafficFigure = memo(function TrafficFigure({ id, data, c, width, durationMs }: Common & { data: TrafficBin[] }) {
  const frame = useMemo(() => makeFrame(width, 0, durationMs, trafficTicks(data)), [width, durationMs, data]);
  const paths = useMemo(() => trafficPaths(data, binWidth(durationMs), durationMs, frame), [data, durationMs, frame]);
  return (
    <figure className="chart" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`}>Requests over time <span className="lg"><i style={{ background: c.allowed }} />allowed <i style={{ background: c.delayed }} />delayed <i style={{ background: c.blocked }} />blocked</span></figcaption>
      {width > 0 ? (
        <Plot frame={frame} c={c} labelledBy={`${id}-t`} durationMs={durationMs}>
          {/* Stacked step areas: three SVG paths per chart, however many bins or requests. */}
          {paths.allowed && <path d={paths.allowed} fill={c.allowed} fillOpacity={0.85} />}
          {paths.delayed && <path d={paths.delayed} fill={c.delayed} fillOpacity={0.85} />}
          {paths.blocked && <path d={paths.blocked} fill={c.blocked} fillOpacity={0.85} />}
        </Plot>
      ) : <Placeholder height={HEIGHT} />}
    </figure>
  );
});

const StateFigure = memo(function StateFigure({ id, state, keyName, c, width, durationMs }: Common & { state: StateSeries; keyName: string | undefined }) {
  const frame = useMemo(() => makeFrame(width, 0, durationMs, stateTicks(state)), [width, durationMs, state]);
  const paths = useMemo(() => statePaths(state, frame), [state, frame]);
  return (
    <figure className="chart" aria-labelledby={`${id}-s`}>
      <figcaption id={`${id}-s`}>
        State after each decision (key {keyName ?? '–'}){' '}
        <span className="lg">{state.fields.map((f, i) => <span key={f}><i style={{ background: i ? c.line2 : c.line }} />{f} </span>)}</span>
      </figcaption>
      {width > 0 ? (
        <Plot frame={frame} c={c} labelledBy={`${id}-s`} durationMs={durationMs}>
          {paths.map((d, i) => d && <path key={state.fields[i]} d={d} stroke={i ? c.line2 : c.line} strokeWidth={1.5} fill="none" />)}
        </Plot>
      ) : <Placeholder height={HEIGHT} />}
    </figure>
  );
});

const WindowFigure = memo(function WindowFigure(
  { id, data, keyName, windowMs, limit, c, width, durationMs }: Common & { data: { t: number; admitted: number }[]; keyName: string | undefined; windowMs: number | null; limit: number | null },
) {
  const frame = useMemo(() => makeFrame(width, AXIS_HEIGHT, durationMs, windowTicks(data, limit)), [width, durationMs, data, limit]);
  const d = useMemo(() => windowPath(data, binWidth(durationMs), durationMs, frame), [data, durationMs, frame]);
  return (
    <figure className="chart" aria-labelledby={`${id}-w`}>
      <figcaption id={`${id}-w`}>
        Admitted in any {windowMs ?? '?'} ms window (key {keyName ?? '–'}) <span className="lg"><i style={{ background: c.line }} />admitted <i style={{ background: c.limit }} />limit {limit ?? '?'}</span>
      </figcaption>
      {width > 0 ? (
        <Plot frame={frame} c={c} labelledBy={`${id}-w`} durationMs={durationMs} timeAxis reference={limit}>
          {d && <path d={d} stroke={c.line} strokeWidth={1.5} fill="none" />}
        </Plot>
      ) : <Placeholder height={HEIGHT + AXIS_HEIGHT} />}
    </figure>
  );
});
