/// <reference lib="webworker" />
import type { WorkerRequest } from './protocol';
import { answer } from './simulate';

// The simulator runs here so a long scenario never freezes the page; the page keeps only the latest answer.
self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  self.postMessage(answer(event.data, () => performance.now()));
};
