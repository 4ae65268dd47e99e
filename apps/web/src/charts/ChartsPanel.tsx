import { useMemo, useRef } from 'react';
import { decisionOf } from '../run/columns';
import { lastDecisionPerLimiter } from '../run/steps';
import { actions } from '../state/app-store';
import { useApp } from '../state/use-app';
import { chartsToPng, download } from '../share/downloads';
import { PALETTE } from '../ui/theme';
import { useDelayedFlag } from '../ui/use-delayed-flag';
import { algorithmLabel, describeRule } from './describe-rule';
import { LimiterCharts } from './LimiterCharts';
import { useRedrawMarks } from './use-redraw-marks';

/** A re-run still going after this long dims the charts it is about to replace; a quicker one just swaps them. */
const DIM_AFTER_MS = 200;

/** One card per limiter, side by side on the same traffic, each with its three charts and its decision now. */
export function ChartsPanel() {
  const trace = useApp((s) => s.trace);
  const scenario = useApp((s) => s.traceScenario);
  const steps = useApp((s) => s.steps);
  const step = useApp((s) => s.step);
  const theme = useApp((s) => s.theme);
  const predict = useApp((s) => s.predict);
  const running = useApp((s) => s.status === 'running');
  const dim = useDelayedFlag(running, DIM_AFTER_MS);

  const revision = useApp((s) => s.traceRevision);
  const ref = useRef<HTMLDivElement>(null);
  useRedrawMarks(ref, trace, revision);

  const current = useMemo(() => (trace && steps ? lastDecisionPerLimiter(steps, trace.limiters.length, step) : []), [trace, steps, step]);
  if (!trace || !scenario || !steps) return null;
  const cursorMs = steps.tMs[step] ?? 0;
  // In predict mode the charts stop at the cursor, so they do not give the answer away.
  const revealUntil = predict ? cursorMs : null;
  const exportPng = async () => {
    if (!ref.current) return;
    const png = await chartsToPng(ref.current, PALETTE[theme].bg);
    if (png) download(`${scenario.id ?? 'ratelab'}-charts.png`, png, 'image/png');
    else actions.say('The charts are still loading; try again in a moment.');
  };

  return (
    <section className={`charts ${dim ? 'stale' : ''}`} aria-label="Limiters" aria-busy={running}>
      <div className="charts-head">
        <h2>Limiters on the same traffic</h2>
        <button type="button" className="text-btn" onClick={exportPng}>Export charts as PNG</button>
      </div>
      {trace.detail === 'lean' && <p className="muted">This run is too large for the simulator to keep state snapshots and explanations (a lean trace): the state chart and the inspector's state table stay empty.</p>}
      {trace.detail === 'pending' && <p className="muted" role="status">Large run: charts are drawn; state snapshots and explanations are still being computed…</p>}
      {trace.truncated && <p className="warn">The run hit the simulator's decision limit and stopped early; the charts end there.</p>}
      <div className={`cards n${trace.limiters.length}`} ref={ref}>
        {trace.limiters.map((l, i) => {
          const rule = l.rule ?? scenario.limiters[i] ?? { id: l.id, algorithm: l.algorithm ?? '' };
          const d = current[i]! >= 0 ? decisionOf(trace, l, current[i]!) : undefined;
          return (
            <article className="card" key={l.id} aria-label={`Limiter ${l.id}`}>
              <header>
                <h3>{l.id} <span className="alg">{algorithmLabel(rule.algorithm)}</span></h3>
                <p className="rule">{describeRule(rule)}</p>
              </header>
              <dl className="summary">
                <div><dt>requests</dt><dd>{l.summary.requests}</dd></div>
                <div><dt>allowed</dt><dd>{l.summary.allowed}</dd></div>
                <div><dt>blocked</dt><dd>{l.summary.blocked}</dd></div>
                <div><dt title="most requests allowed for one key in any window of the limiter's length">max in a window</dt><dd>{l.summary.maxAllowedInAnyWindow}</dd></div>
              </dl>
              <p className="now">
                {d ? <>At {d.tMs} ms: <b>{d.client}</b> {d.allowed ? <span className="ok">allowed</span> : <span className="no">blocked</span>} (remaining {d.remaining})</> : 'No decision yet at this moment.'}
              </p>
              <LimiterCharts limiter={l} strings={trace.strings} rule={rule} durationMs={trace.durationMs || scenario.durationMs} theme={theme} cursorMs={cursorMs} revealUntil={revealUntil} />
            </article>
          );
        })}
      </div>
    </section>
  );
}
