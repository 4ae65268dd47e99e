import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { LimiterColumns } from '../run/columns';
import type { LimiterJson } from '../state/types';
import { PALETTE } from '../ui/theme';
import { admittedInWindow, busiestKey, judgingWindowMs, ruleLimit, stateSeries, trafficBins } from './series';

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

const HEIGHT = 96;
const msLabel = (t: number) => `${t} ms`;
/** The last chart also draws the time axis. */
const AXIS_HEIGHT = 16;
const Y_WIDTH = 36;
const MARGIN = { top: 6, right: 8, bottom: 0, left: 0 };

/**
 * The three charts of one limiter: traffic (allowed / delayed / blocked per time bin), the algorithm's state for
 * its busiest key, and that key's admitted count in a sliding window against the limit. The cursor is an overlay,
 * so moving it never re-renders a chart. Lines are drawn as unfilled areas: recharts' Line measures its previous path
 * during render (a forced layout per line), which made a redraw of twelve charts several times slower.
 */
export default function LimiterCharts({ limiter, strings, rule, durationMs, theme, cursorMs, revealUntil }: Props) {
  const left = `calc(${Y_WIDTH + MARGIN.left}px + (100% - ${Y_WIDTH + MARGIN.left + MARGIN.right}px) * ${Math.min(1, cursorMs / Math.max(1, durationMs))})`;
  return (
    <div className="limiter-charts">
      <Charts limiter={limiter} strings={strings} rule={rule} durationMs={durationMs} theme={theme} upTo={revealUntil ?? Infinity} />
      <div className="cursor" style={{ left }} aria-hidden="true" />
    </div>
  );
}

const Charts = memo(function Charts({ limiter, strings, rule, durationMs, theme, upTo }: Omit<Props, 'cursorMs' | 'revealUntil'> & { upTo: number }) {
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
  // Stable props: recharts re-registers an axis or series in its store whenever a prop object changes identity,
  // so inline objects here would make every redraw recompute every selector of every chart.
  const tick = useMemo(() => ({ fill: c.text, fontSize: 10 }), [c.text]);
  const domain = useMemo<[number, number]>(() => [0, durationMs], [durationMs]);
  const id = `${limiter.id}-chart`;
  // Three memoized figures: when a large run's detail arrives, only the state figure redraws.
  return (
    <>
      <TrafficFigure id={id} data={traffic} c={c} tick={tick} domain={domain} />
      <StateFigure id={id} state={state} keyName={key} c={c} tick={tick} domain={domain} />
      <WindowFigure id={id} data={admitted} keyName={key} windowMs={windowMs} limit={limit} c={c} tick={tick} domain={domain} />
    </>
  );
});

type Palette = (typeof PALETTE)[keyof typeof PALETTE];
interface Common {
  id: string;
  c: Palette;
  tick: { fill: string; fontSize: number };
  domain: [number, number];
}

const TrafficFigure = memo(function TrafficFigure({ id, data, c, tick, domain }: Common & { data: ReturnType<typeof trafficBins> }) {
  return (
    <figure className="chart" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`}>Requests over time <span className="lg"><i style={{ background: c.allowed }} />allowed <i style={{ background: c.delayed }} />delayed <i style={{ background: c.blocked }} />blocked</span></figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        {/* Stacked step areas: three SVG paths per chart instead of hundreds of bars, so a redraw stays cheap. */}
        <AreaChart data={data} margin={MARGIN}>
          <CartesianGrid stroke={c.grid} vertical={false} />
          <XAxis type="number" dataKey="t" domain={domain} hide />
          <YAxis width={Y_WIDTH} tick={tick} stroke={c.grid} allowDecimals={false} />
          <Area type="stepAfter" dataKey="allowed" stackId="1" stroke="none" fill={c.allowed} fillOpacity={0.85} isAnimationActive={false} dot={false} activeDot={false} />
          <Area type="stepAfter" dataKey="delayed" stackId="1" stroke="none" fill={c.delayed} fillOpacity={0.85} isAnimationActive={false} dot={false} activeDot={false} />
          <Area type="stepAfter" dataKey="blocked" stackId="1" stroke="none" fill={c.blocked} fillOpacity={0.85} isAnimationActive={false} dot={false} activeDot={false} />
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
});

const StateFigure = memo(function StateFigure({ id, state, keyName, c, tick, domain }: Common & { state: ReturnType<typeof stateSeries>; keyName: string | undefined }) {
  return (
    <figure className="chart" aria-labelledby={`${id}-s`}>
      <figcaption id={`${id}-s`}>
        State after each decision (key {keyName ?? '–'}){' '}
        <span className="lg">{state.fields.map((f, i) => <span key={f}><i style={{ background: i ? c.line2 : c.line }} />{f} </span>)}</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <AreaChart data={state.points} margin={MARGIN}>
          <CartesianGrid stroke={c.grid} vertical={false} />
          <XAxis type="number" dataKey="t" domain={domain} hide />
          <YAxis width={Y_WIDTH} tick={tick} stroke={c.grid} allowDecimals={false} />
          {state.fields.map((f, i) => (
            <Area key={f} type="stepAfter" dataKey={f} stroke={i ? c.line2 : c.line} fill="none" dot={false} activeDot={false} strokeWidth={1.5} isAnimationActive={false} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
});

const WindowFigure = memo(function WindowFigure(
  { id, data, keyName, windowMs, limit, c, tick, domain }: Common & { data: ReturnType<typeof admittedInWindow>; keyName: string | undefined; windowMs: number | null; limit: number | null },
) {
  return (
    <figure className="chart" aria-labelledby={`${id}-w`}>
      <figcaption id={`${id}-w`}>
        Admitted in any {windowMs ?? '?'} ms window (key {keyName ?? '–'}) <span className="lg"><i style={{ background: c.line }} />admitted <i style={{ background: c.limit }} />limit {limit ?? '?'}</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT + AXIS_HEIGHT}>
        <AreaChart data={data} margin={MARGIN}>
          <CartesianGrid stroke={c.grid} vertical={false} />
          <XAxis type="number" dataKey="t" domain={domain} tick={tick} stroke={c.grid} height={AXIS_HEIGHT} tickFormatter={msLabel} />
          <YAxis width={Y_WIDTH} tick={tick} stroke={c.grid} allowDecimals={false} />
          {limit !== null && <ReferenceLine y={limit} stroke={c.limit} strokeDasharray="4 3" ifOverflow="extendDomain" />}
          <Area type="stepAfter" dataKey="admitted" stroke={c.line} fill="none" dot={false} activeDot={false} strokeWidth={1.5} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
});
