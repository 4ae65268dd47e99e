import { actions, appStore } from '../state/app-store';
import { SimRunner } from './runner';

/** Performance marks the e2e suite reads to report edit → re-simulated → redrawn timings. */
export const MARKS = { edit: 'ratelab:edit', simulated: 'ratelab:simulated', committed: 'ratelab:committed', drawn: 'ratelab:drawn', detail: 'ratelab:detail' } as const;

let runner: SimRunner | null = null;

/**
 * Watches the store's scenario revision and runs each new revision through the simulator worker. Only the answer
 * for the newest revision is applied, so fast edits never show an older run after a newer one.
 */
export function startRunController(): SimRunner {
  if (runner) return runner;
  const sim = new SimRunner();
  runner = sim;
  let latest = 0;
  let latestRun = -1;
  sim.onDetail = (id, limiters) => {
    if (id !== latestRun) return;
    performance.mark(MARKS.detail);
    actions.attachDetail(limiters);
  };
  const runRevision = () => {
    const { scenario, revision } = appStore.getState();
    if (!scenario || revision === latest) return;
    latest = revision;
    performance.mark(MARKS.edit, { detail: { revision } });
    actions.runStarted();
    void sim.run(scenario).then((r) => {
      if (revision !== latest) return;
      performance.mark(MARKS.simulated, { detail: { revision } });
      if (r.ok) {
        latestRun = r.id;
        actions.runFinished(r.trace, scenario, r.simMs);
      }
      else actions.runRejected(r.issues);
    });
  };
  appStore.subscribe((s, prev) => {
    if (s.revision !== prev.revision) runRevision();
  });
  runRevision();
  return sim;
}
