/// <reference lib="webworker" />
import type { WorkerRequest } from './protocol';
import { answer } from './simulate';

// The simulator runs here so a long scenario never freezes the page. A large run's second phase (explanations and
// state) waits one task, so a newer edit that is already queued is answered first and the stale detail is skipped.
let newest = 0;
self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  if (req.kind === 'run') newest = req.id;
  const a = answer(req, () => performance.now());
  self.postMessage(a.response, a.transfer);
  if (a.later) {
    const later = a.later;
    setTimeout(() => {
      if (req.id !== newest) return;
      const d = later();
      if (req.id === newest) self.postMessage(d.response, d.transfer);
    }, 0);
  }
};
