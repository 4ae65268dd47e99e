import { ChartsPanel } from '../charts/ChartsPanel';
import { decisionAt } from '../run/steps';
import { encodeLink } from '../share/url-state';
import { useApp } from '../state/use-app';
import { Scrubber } from '../time/Scrubber';
import { Transport } from '../time/Transport';
import type { Playback } from '../time/use-playback';
import { IssuesPanel } from '../ui/IssuesPanel';
import { StatusLine } from '../ui/StatusLine';

/** The embed (?embed=1): the run, its time controls and the current explanation, without editing. */
export function EmbedView({ playback }: { playback: Playback }) {
  const scenario = useApp((s) => s.traceScenario);
  const trace = useApp((s) => s.trace);
  const steps = useApp((s) => s.steps);
  const step = useApp((s) => s.step);
  const at = trace && steps ? decisionAt(trace, steps, step) : null;
  const full = scenario ? encodeLink(window.location.href, scenario, step) : '#';
  return (
    <main id="main" className="embed" aria-label="ratelab scenario">
      <header className="embed-head">
        <h1>{scenario?.title ?? 'ratelab scenario'}</h1>
        <a href={full} target="_blank" rel="noreferrer">Open in the ratelab playground</a>
      </header>
      <IssuesPanel />
      <section className="timebar" aria-label="Time">
        <Transport playback={playback} />
        <Scrubber />
        <StatusLine />
      </section>
      {at && trace && (
        <p className="explanation" aria-live="polite">
          <b>{trace.limiters[at.limiter]?.id}</b> at {at.d.tMs} ms, {at.d.client}: {at.d.explanation ?? (at.d.allowed ? 'allowed' : 'blocked')}
        </p>
      )}
      {trace ? <ChartsPanel /> : <p className="loading" role="status">Running the scenario…</p>}
    </main>
  );
}
