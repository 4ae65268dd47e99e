import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { LimiterJson, TraceLimiter } from '../state/types';
import { PALETTE } from '../ui/theme';
import { admittedInWindow, busiestKey, judgingWindowMs, ruleLimit, stateSeries, trafficBins } from './series';

interface Props {
  limiter: TraceLimiter;
  rule: LimiterJson;
  durationMs: number;
  theme: 'light' | 'dark';
  cursorMs: number;
  revealUntil: number | null;
}

const HEIGHT = 96;
/** The last chart also draws the time axis. */
const AXIS_HEIGHT = 16;
const Y_WIDTH = 36;
const MARGIN = { top: 6, right: 8, bottom: 0, left: 0 };

/** Decisions after `until` hidden (predict mode); the same limiter object otherwise, so memoization holds. */
function revealed(l: TraceLimiter, until: number | null): TraceLimiter {
  if (until === null) return l;
  return { ...l, decisions: l.decisions.filter((d) => d.tMs <= until) };
}

/**
 * The three charts of one limiter: traffic (allowed / delayed / blocked per time bin), the algorithm's state for
 * its busiest key, and that key's admitted count in a sliding window against the limit. The cursor is an overlay,
 * so moving it never re-renders a chart.
 */
export default function LimiterCharts({ limiter, rule, durationMs, theme, cursorMs, revealUntil }: Props) {
  const shown = useMemo(() => revealed(limiter, revealUntil), [limiter, revealUntil]);
  const left = `calc(${Y_WIDTH + MARGIN.left}px + (100% - ${Y_WIDTH + MARGIN.left + MARGIN.right}px) * ${Math.min(1, cursorMs / Math.max(1, durationMs))})`;
  return (
    <div className="limiter-charts">
      <Charts limiter={shown} rule={rule} durationMs={durationMs} theme={theme} />
      <div className="cursor" style={{ left }} aria-hidden="true" />
    </div>
  );
}

const Charts = memo(function Charts({ limiter, rule, durationMs, theme }: Omit<Props, 'cursorMs' | 'revealUntil'>) {
  const c = PALETTE[theme];
  const key = useMemo(() => busiestKey(limiter), [limiter]);
  const traffic = useMemo(() => trafficBins(limiter, durationMs), [limiter, durationMs]);
  const state = useMemo(() => stateSeries(limiter, key, durationMs), [limiter, key, durationMs]);
  const windowMs = limiter.summary.windowMs ?? judgingWindowMs(rule);
  const limit = ruleLimit(rule);
  const admitted = useMemo(() => (windowMs ? admittedInWindow(limiter, key, windowMs, durationMs) : []), [limiter, key, windowMs, durationMs]);
  const x = <XAxis type="number" dataKey="t" domain={[0, durationMs]} hide />;
  const grid = <CartesianGrid stroke={c.grid} vertical={false} />;
  const y = (_label: string) => <YAxis width={Y_WIDTH} tick={{ fill: c.text, fontSize: 10 }} stroke={c.grid} allowDecimals={false} />;
  const summaryId = `${limiter.id}-chart`;
  return (
    <>
      <figure className="chart" aria-labelledby={`${summaryId}-t`}>
        <figcaption id={`${summaryId}-t`}>Requests over time <span className="lg"><i style={{ background: c.allowed }} />allowed <i style={{ background: c.delayed }} />delayed <i style={{ background: c.blocked }} />blocked</span></figcaption>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <BarChart data={traffic} margin={MARGIN} barCategoryGap={0} barGap={0}>
            {grid}
            {x}
            {y('requests per bin')}
            <Bar dataKey="allowed" stackId="1" fill={c.allowed} isAnimationActive={false} />
            <Bar dataKey="delayed" stackId="1" fill={c.delayed} isAnimationActive={false} />
            <Bar dataKey="blocked" stackId="1" fill={c.blocked} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="chart" aria-labelledby={`${summaryId}-s`}>
        <figcaption id={`${summaryId}-s`}>
          State after each decision (key {key ?? '–'}){' '}
          <span className="lg">{state.fields.map((f, i) => <span key={f}><i style={{ background: i ? c.line2 : c.line }} />{f} </span>)}</span>
        </figcaption>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={state.points} margin={MARGIN}>
            {grid}
            {x}
            {y('state')}
            {state.fields.map((f, i) => (
              <Line key={f} type="stepAfter" dataKey={f} stroke={i ? c.line2 : c.line} dot={false} strokeWidth={1.5} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="chart" aria-labelledby={`${summaryId}-w`}>
        <figcaption id={`${summaryId}-w`}>
          Admitted in any {windowMs ?? '?'} ms window (key {key ?? '–'}) <span className="lg"><i style={{ background: c.line }} />admitted <i style={{ background: c.limit }} />limit {limit ?? '?'}</span>
        </figcaption>
        <ResponsiveContainer width="100%" height={HEIGHT + AXIS_HEIGHT}>
          <LineChart data={admitted} margin={MARGIN}>
            {grid}
            <XAxis type="number" dataKey="t" domain={[0, durationMs]} tick={{ fill: c.text, fontSize: 10 }} stroke={c.grid} height={16} tickFormatter={(t: number) => `${t} ms`} />
            {y('admitted in window')}
            {limit !== null && <ReferenceLine y={limit} stroke={c.limit} strokeDasharray="4 3" ifOverflow="extendDomain" />}
            <Line type="stepAfter" dataKey="admitted" stroke={c.line} dot={false} strokeWidth={1.5} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </>
  );
});
