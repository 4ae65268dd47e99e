import { useMemo, useState } from 'react';
import { Choice, NumberInput, RangeInput } from '../shared/Field';
import { BreakerLanes, LaneLegend } from './BreakerLanes';
import { OUTAGE_DURATION_MS, runOutage, type OutageSetup } from './outage-run';

const START: OutageSetup = {
  replicas: 2,
  faultKind: 'redis-down',
  fromMs: 1500,
  toMs: 3500,
  extraLatencyMs: 300,
  breaker: true,
  scope: 'local',
  failureThreshold: 3,
  openMs: 800,
  halfOpenProbes: 1,
  onRedisDown: 'allow',
};

/** The outage and breaker lab: a fault on the timeline, the breaker's reaction per replica, and what it cost. */
export default function OutageLab() {
  const [s, setS] = useState<OutageSetup>(START);
  const set = (patch: Partial<OutageSetup>) => setS((old) => ({ ...old, ...patch }));
  const run = useMemo(() => runOutage(s), [s]);
  return (
    <section className="lab" aria-labelledby="outage-h">
      <h3 id="outage-h">Outage and breaker lab</h3>
      <p>
        One client sends 12 requests a second to a token bucket (capacity 10, 5 tokens a second) through {s.replicas} replica(s).
        Put a Redis fault on the timeline and choose how the replicas react. Every number below comes from two simulator runs of
        the same traffic: with the fault and without it.
      </p>
      <fieldset className="lab-row">
        <legend>Fault on the timeline</legend>
        <Choice label="Fault" value={s.faultKind} options={[['redis-down', 'Redis down'], ['redis-slow', 'Redis slow']]} onChange={(faultKind) => set({ faultKind })} />
        <RangeInput label="Fault starts at" unit=" ms" value={s.fromMs} min={0} max={OUTAGE_DURATION_MS - 100} step={100} onChange={(fromMs) => set({ fromMs, toMs: Math.max(s.toMs, fromMs + 100) })} />
        <RangeInput label="Fault ends at" unit=" ms" value={s.toMs} min={100} max={OUTAGE_DURATION_MS} step={100} onChange={(toMs) => set({ toMs, fromMs: Math.min(s.fromMs, toMs - 100) })} />
        {s.faultKind === 'redis-slow' && <NumberInput label="Extra latency (ms)" value={s.extraLatencyMs} min={1} max={2000} onChange={(extraLatencyMs) => set({ extraLatencyMs })} />}
      </fieldset>
      <fieldset className="lab-row">
        <legend>Replicas and breaker</legend>
        <NumberInput label="Replicas" value={s.replicas} min={1} max={4} onChange={(replicas) => set({ replicas })} />
        <label className="lab-field lab-check"><input type="checkbox" checked={s.breaker} onChange={(e) => set({ breaker: e.target.checked })} /> <span>Circuit breaker</span></label>
        <Choice label="Breaker scope" value={s.scope} options={[['local', 'local (one per replica)'], ['shared', 'shared (through Redis)']]} onChange={(scope) => set({ scope })} />
        <NumberInput label="Failure threshold" value={s.failureThreshold} min={1} max={20} onChange={(failureThreshold) => set({ failureThreshold })} />
        <NumberInput label="Open for (ms)" value={s.openMs} min={50} max={5000} step={50} onChange={(openMs) => set({ openMs })} />
        <NumberInput label="Half-open probes" value={s.halfOpenProbes} min={1} max={5} onChange={(halfOpenProbes) => set({ halfOpenProbes })} />
        <Choice label="When Redis is down" value={s.onRedisDown} options={[['allow', 'allow (fail open)'], ['deny', 'deny (fail closed)'], ['local-fallback', 'local fallback limiter']]} onChange={(onRedisDown) => set({ onRedisDown })} />
      </fieldset>
      {!run.ok ? (
        <ul className="lab-error" role="alert">{run.issues.map((i) => <li key={i.path + i.message}>{i.path}: {i.message}</li>)}</ul>
      ) : (
        <>
          <BreakerLanes trace={run.fault} replicas={s.replicas} shared={s.breaker && s.scope === 'shared'} />
          <LaneLegend />
          <table className="lab-table" aria-label="Cost of the outage" data-testid="outage-cost">
            <tbody>
              <tr><th scope="row">Wrongly admitted (allowed with the fault, blocked without it)</th><td data-testid="wrongly-admitted">{run.cost.wronglyAdmitted}</td></tr>
              <tr><th scope="row">Wrongly refused (blocked with the fault, allowed without it)</th><td data-testid="wrongly-refused">{run.cost.wronglyRefused}</td></tr>
              <tr><th scope="row">Decided by onRedisDown</th><td>{run.cost.fallbacks}</td></tr>
              <tr><th scope="row">Allowed: with the fault / without</th><td>{run.cost.allowedFault} / {run.cost.allowedBaseline}</td></tr>
              <tr><th scope="row">Admitted beyond a perfect limiter: with the fault / without</th><td>{run.cost.beyondIdealFault} / {run.cost.beyondIdealBaseline}</td></tr>
              <tr><th scope="row">Breaker transitions</th><td data-testid="breaker-transitions">{run.fault.breaker.length}</td></tr>
            </tbody>
          </table>
          <details>
            <summary>Breaker transitions as text</summary>
            <ul>{run.fault.breaker.map((t, i) => <li key={i}>{t.tMs} ms: {t.replica === 'shared' ? 'shared breaker' : `replica ${t.replica}`} {t.from} → {t.to}</li>)}</ul>
          </details>
        </>
      )}
    </section>
  );
}
