import { useApp } from '../state/use-app';

/** Where the cursor is, whether a run is in progress, and the last short message (e.g. "link copied"). */
export function StatusLine() {
  const steps = useApp((s) => s.steps);
  const step = useApp((s) => s.step);
  const status = useApp((s) => s.status);
  const simMs = useApp((s) => s.simMs);
  const message = useApp((s) => s.message);
  const range = useApp((s) => s.range);
  return (
    <p className="status" role="status">
      {steps && steps.length > 0 ? (
        <span data-testid="position">
          Step <b>{step + 1}</b> of {steps.length} · t = <b>{steps.tMs[step]} ms</b>
        </span>
      ) : null}
      {range && <span> · locked to steps {range[0] + 1}–{range[1] + 1}</span>}
      {status === 'running' && <span className="running"> · Re-running…</span>}
      {status === 'starting' && <span className="running"> Starting the simulator…</span>}
      {status === 'ready' && simMs !== null && <span className="muted"> · simulated in {simMs < 1 ? '<1' : Math.round(simMs)} ms</span>}
      {message && <span className="msg"> · {message}</span>}
    </p>
  );
}
