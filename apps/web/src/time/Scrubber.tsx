import { decisionAt } from '../run/steps';
import { actions } from '../state/app-store';
import { useApp } from '../state/use-app';
import { MARKER_COLUMNS } from './markers';
import { useMarkers } from './use-markers';

/** The whole run on one slider, with blocked requests, breaker transitions and faults marked above it. */
export function Scrubber() {
  const step = useApp((s) => s.step);
  const steps = useApp((s) => s.steps);
  const trace = useApp((s) => s.trace);
  const range = useApp((s) => s.range);
  const markers = useMarkers();
  if (!steps || !trace || steps.length === 0) return <div className="scrubber empty-scrubber">No decisions yet.</div>;
  const lo = range ? Math.min(range[0], steps.length - 1) : 0;
  const hi = range ? Math.min(range[1], steps.length - 1) : steps.length - 1;
  const last = Math.max(1, steps.length - 1);
  const at = decisionAt(trace, steps, step);
  const valueText = at
    ? `Step ${step + 1} of ${steps.length}: ${at.d.tMs} ms, ${trace.limiters[at.limiter]?.id}, ${at.d.client} ${at.d.allowed ? 'allowed' : 'blocked'}`
    : `Step ${step + 1}`;
  const pct = (s: number) => `${(s / last) * 100}%`;
  return (
    <div className="scrubber">
      <svg className="markers" viewBox={`0 0 ${MARKER_COLUMNS} 12`} preserveAspectRatio="none" aria-hidden="true">
        {markers?.faults.map((f, i) => (
          <rect key={`f${i}`} className="m-fault" x={(f.from / last) * MARKER_COLUMNS} width={Math.max(0.5, ((f.to - f.from) / last) * MARKER_COLUMNS)} y={0} height={12}>
            <title>{f.label}</title>
          </rect>
        ))}
        {markers?.blocked.map((c) => <rect key={c} className="m-blocked" x={c} width={0.8} y={6} height={6} />)}
        {markers?.breaker.map((b, i) => <rect key={`b${i}`} className="m-breaker" x={(b.step / last) * MARKER_COLUMNS - 0.5} width={1.2} y={0} height={6} />)}
      </svg>
      {range && <div className="lock" style={{ left: pct(lo), width: `calc(${pct(hi)} - ${pct(lo)})` }} aria-hidden="true" />}
      <input
        type="range"
        className="scrub"
        min={0}
        max={steps.length - 1}
        step={1}
        value={step}
        aria-label="Step through the run"
        aria-valuetext={valueText}
        onChange={(e) => actions.setStep(Number(e.target.value))}
      />
      <p className="legend" aria-hidden="true">
        <span className="key k-blocked" /> blocked <span className="key k-breaker" /> breaker change <span className="key k-fault" /> fault
      </p>
    </div>
  );
}
