import { lazy, Suspense, useState } from 'react';
import { judgingWindowMs, ruleLimit } from '../charts/series';
import { algorithmLabel } from '../charts/describe-rule';
import { decisionAt } from '../run/steps';
import { useApp } from '../state/use-app';
import { responseHeaders } from './headers';

const SourceView = lazy(() => import('./SourceView'));

function fmt(v: number | undefined): string {
  if (v === undefined) return '–';
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

/** Everything about the selected decision: what came in, what the algorithm saw and did, and what it would send. */
export function Inspector() {
  const trace = useApp((s) => s.trace);
  const steps = useApp((s) => s.steps);
  const step = useApp((s) => s.step);
  const scenario = useApp((s) => s.traceScenario);
  const predicting = useApp((s) => s.predict !== null);
  const [showSource, setShowSource] = useState(false);
  const at = trace && steps ? decisionAt(trace, steps, step) : null;
  if (!at || !scenario) return <section className="inspector panel" aria-label="Selected decision"><h2>Selected decision</h2><p className="empty">No decision selected yet.</p></section>;
  const { d } = at;
  const limiter = trace!.limiters[at.limiter]!;
  const rule = limiter.rule ?? scenario.limiters[at.limiter] ?? { id: limiter.id, algorithm: limiter.algorithm ?? '' };
  const keys = [...new Set([...Object.keys(d.stateBefore ?? {}), ...Object.keys(d.stateAfter ?? {})])];
  return (
    <section className="inspector panel" aria-label="Selected decision">
      <h2>
        Step {step + 1}: <span className={d.allowed ? 'badge ok' : 'badge no'}>{d.allowed ? ((d.delayMs ?? 0) > 0 ? 'allowed, delayed' : 'allowed') : 'blocked'}</span>
      </h2>
      <p className="meta">
        <b>{limiter.id}</b> ({algorithmLabel(rule.algorithm)}) at <b>{d.tMs} ms</b>: client <b>{d.client}</b>, key <code>{d.key}</code>, replica {d.replica}, attempt {d.attempt}
      </p>
      {d.fallback && <p className="warn">Redis was not consulted or failed: the fallback "{d.fallback}" decided.</p>}
      <p className="explanation">
        {d.explanation ?? (trace!.detail === 'lean' ? 'This run is large, so the simulator kept it lean: no explanation or state snapshot per decision.' : 'The simulator gave no explanation for this decision.')}
      </p>
      <table className="state">
        <caption>Algorithm state for key {d.key}</caption>
        <thead>
          <tr><th scope="col">field</th><th scope="col">before</th><th scope="col">after</th></tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k}><th scope="row">{k}</th><td>{fmt(d.stateBefore?.[k])}</td><td>{fmt(d.stateAfter?.[k])}</td></tr>
          ))}
          <tr><th scope="row">remaining</th><td>–</td><td>{d.remaining}</td></tr>
          <tr><th scope="row">retry after</th><td>–</td><td>{d.retryAfterMs} ms</td></tr>
          {d.delayMs !== undefined && <tr><th scope="row">queued for</th><td>–</td><td>{d.delayMs} ms</td></tr>}
        </tbody>
      </table>
      <h3>Response headers the server would send</h3>
      <pre className="headers" aria-label="Response headers">{responseHeaders(limiter.id, d, ruleLimit(rule), limiter.summary.windowMs ?? judgingWindowMs(rule)).map(([k, v]) => `${k}: ${v}`).join('\n')}</pre>
      {predicting ? (
        <p className="muted">The source view is hidden while you predict.</p>
      ) : showSource ? (
        <Suspense fallback={<p className="loading">Loading the source…</p>}>
          <SourceView algorithm={rule.algorithm} allowed={d.allowed} />
        </Suspense>
      ) : (
        <button type="button" onClick={() => setShowSource(true)}>Show the code that decided</button>
      )}
    </section>
  );
}
