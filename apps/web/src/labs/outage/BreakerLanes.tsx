import type { BreakerTransition, Trace } from '@ratelab/sim';

type BreakerName = BreakerTransition['to'];

const STATE_CLASS: Record<BreakerName, string> = { closed: 'br-closed', open: 'br-open', 'half-open': 'br-half' };

/** Closed / open / half-open spans of one lane, from the run's transitions. */
export function spans(transitions: BreakerTransition[], lane: number | 'shared', durationMs: number): { from: number; to: number; state: BreakerName }[] {
  const out: { from: number; to: number; state: BreakerName }[] = [];
  let state: BreakerName = 'closed';
  let since = 0;
  for (const t of transitions) {
    if (t.replica !== lane) continue;
    if (t.tMs > since) out.push({ from: since, to: t.tMs, state });
    state = t.to;
    since = t.tMs;
  }
  out.push({ from: since, to: durationMs, state });
  return out;
}

const LANE = 46;
const LEFT = 110;

/** Per-replica lanes: breaker state as a coloured band, each decision as a tick (fallback decisions hollow). */
export function BreakerLanes({ trace, replicas, shared }: { trace: Trace; replicas: number; shared: boolean }) {
  const width = 900;
  const limiter = trace.limiters[0];
  const x = (t: number) => LEFT + ((width - LEFT - 10) * t) / trace.durationMs;
  const lanes = Array.from({ length: replicas }, (_, i) => i);
  const height = 30 + lanes.length * LANE + (shared ? LANE : 0);
  const breakerLanes: (number | 'shared')[] = shared ? ['shared'] : lanes;
  const laneY = (i: number) => 24 + i * LANE;
  const transitions = trace.breaker.filter((b) => b.limiter === limiter?.id);
  const label =
    `Timeline of ${trace.durationMs} ms. Faults: ${trace.faults.map((f) => `${f.kind} ${f.fromMs}-${f.toMs} ms`).join(', ') || 'none'}. ` +
    `Breaker transitions: ${transitions.map((t) => `${t.replica === 'shared' ? 'shared' : `replica ${t.replica}`} ${t.from}→${t.to} at ${t.tMs} ms`).join('; ') || 'none'}.`;
  return (
    <svg className="lanes" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={label}>
      {trace.faults.map((f, i) => (
        <rect key={i} x={x(f.fromMs)} y={14} width={x(f.toMs) - x(f.fromMs)} height={height - 14} className={f.kind === 'redis-down' ? 'fault-down' : 'fault-slow'} />
      ))}
      {breakerLanes.map((lane, i) => (
        <g key={`b${String(lane)}`}>
          <text x={4} y={laneY(i) + 12} className="lane-label">{lane === 'shared' ? 'breaker (shared)' : `replica ${lane} breaker`}</text>
          {spans(transitions, lane, trace.durationMs).map((s, j) => (
            <rect key={j} x={x(s.from)} y={laneY(i) + 2} width={Math.max(1, x(s.to) - x(s.from))} height={12} className={STATE_CLASS[s.state]}>
              <title>{`${s.state} from ${s.from} to ${s.to} ms`}</title>
            </rect>
          ))}
        </g>
      ))}
      {lanes.map((r) => {
        const y = laneY(r + (shared ? 1 : 0)) + 20;
        return (
          <g key={`d${r}`}>
            <text x={4} y={y + 12} className="lane-label">{`replica ${r} decisions`}</text>
            {limiter?.decisions.filter((d) => d.replica === r).map((d, j) => (
              <rect key={j} x={x(d.tMs) - 1.5} y={y + 2} width={3} height={14} className={`${d.allowed ? 'tick-ok' : 'tick-no'}${d.fallback ? ' tick-fb' : ''}`} />
            ))}
          </g>
        );
      })}
      <text x={LEFT} y={10} className="lane-label">0 ms</text>
      <text x={width - 10} y={10} textAnchor="end" className="lane-label">{trace.durationMs} ms</text>
    </svg>
  );
}

export function LaneLegend() {
  return (
    <p className="lane-legend" aria-label="Legend">
      <span className="sw br-closed" /> closed <span className="sw br-open" /> open <span className="sw br-half" /> half-open{' '}
      <span className="sw tick-ok" /> allowed <span className="sw tick-no" /> blocked <span className="sw tick-fb" /> decided by onRedisDown{' '}
      <span className="sw fault-down" /> Redis down <span className="sw fault-slow" /> Redis slow
    </p>
  );
}
