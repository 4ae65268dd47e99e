import { actions, appStore } from '../state/app-store';
import { afterNextPaint } from '../ui/after-paint';
import { SimRunner } from './runner';

/** Performance marks the e2e suite reads to report edit → re-simulated → redrawn timings. */
export const MARKS = {
  edit: 'ratelab:edit',
  simulated: 'ratelab:simulated',
  committed: 'ratelab:committed',
  drawn: 'ratelab:drawn',
  detail: 'ratelab:detail',
  complete: 'ratelab:complete',
} as const;

/**
 * Measures from an edit to the paint that shows its run: "redraw" when the new run's charts are on screen, "complete"
 * when its explanations and state snapshots are too (the same paint for a run of up to 6,000 decisions).
 */
export const MEASURES = { redraw: 'ratelab:resimulate+redraw', complete: 'ratelab:resimulate+redraw:complete' } as const;

/** Longest wait for a paint before a large run's detail is asked for anyway (a background tab never paints). */
const DETAIL_FALLBACK_MS = 250;

let runner: SimRunner | null = null;
/** When the newest revision was asked for (performance.now() time), so its redraw can be measured from there. */
let lastEdit = { revision: -1, at: 0 };

/** The time of the edit that produced `revision`, or null when it is no longer the newest. */
export function editStartOf(revision: number): number | null {
  return lastEdit.revision === revision ? lastEdit.at : null;
}

/**
 * Watches the store's scenario revision and runs each new revision through the simulator worker. Only the answer
 * for the newest revision is applied, so fast edits never show an older run after a newer one. A large run's detail
 * is asked for once its charts are painted, and applied only while that run is still the one shown.
 */
export function startRunController(): SimRunner {
  if (runner) return runner;
  const sim = new SimRunner();
  runner = sim;
  let latest = 0;
  const runRevision = () => {
    const { scenario, revision } = appStore.getState();
    if (!scenario || revision === latest) return;
    latest = revision;
    lastEdit = { revision, at: performance.mark(MARKS.edit, { detail: { revision } }).startTime };
    actions.runStarted();
    const { trace: shown, traceScenario: shownScenario } = appStore.getState();
    void sim.run(scenario, shown && shownScenario ? { scenario: shownScenario, trace: shown } : undefined).then((r) => {
      if (revision !== latest) return;
      // simMs: the worker's own time for the run (validate, simulate, build the columns), without the messaging.
      performance.mark(MARKS.simulated, { detail: { revision, simMs: r.ok ? r.simMs : null } });
      if (!r.ok) return actions.runRejected(r.issues);
      actions.runFinished(r.trace, scenario, r.simMs, revision);
      if (r.trace.detail !== 'pending') return;
      // The detail is asked for once the new charts are painted: on a busy two-core machine the detail worker would
      // otherwise take CPU from the page while it draws them. A newer edit by then makes the request pointless.
      afterNextPaint(() => {
        if (revision !== latest) return;
        void sim.detail(scenario).then((limiters) => {
          // Applied while this run is the one on screen, even if a newer edit was rejected as invalid meanwhile.
          if (appStore.getState().traceRevision !== revision || limiters === undefined) return;
          performance.mark(MARKS.detail, { detail: { revision } });
          actions.attachDetail(limiters);
        });
      }, DETAIL_FALLBACK_MS);
    });
  };
  appStore.subscribe((s, prev) => {
    if (s.revision !== prev.revision) runRevision();
  });
  runRevision();
  return sim;
}
