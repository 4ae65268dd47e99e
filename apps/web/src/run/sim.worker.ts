/// <reference lib="webworker" />
import type { WorkerRequest } from './protocol';
import { answer } from './simulate';

// The simulator runs here so a long scenario never freezes the page. The page starts this script several times: up to
// one worker per core answers runs (each its share of the limiters), and one more, started with the first large run,
// computes explanations and state snapshots.
// A detail request waits one task before it starts, so when a newer one is already queued (fast edits) the stale one
// is skipped instead of computed.
let newestDetail = 0;
self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  const reply = () => {
    const a = answer(req, () => performance.now());
    self.postMessage(a.response, a.transfer);
  };
  if (req.kind !== 'detail') return reply();
  newestDetail = req.id;
  setTimeout(() => (req.id === newestDetail ? reply() : self.postMessage({ id: req.id, kind: 'skipped' })), 0);
};
