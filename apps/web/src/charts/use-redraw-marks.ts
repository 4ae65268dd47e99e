import { useEffect, useLayoutEffect, type RefObject } from 'react';
import type { TraceData } from '../run/columns';
import { editStartOf, MARKS, MEASURES } from '../run/run-controller';
import { afterNextPaint } from '../ui/after-paint';

/** What has been measured for the run on screen, so each revision is measured once per phase. */
let measured = { revision: -1, drawn: false, complete: false };

/**
 * Performance marks for the edit → re-simulated → redrawn timings (read by e2e/perf.spec.ts):
 * - "committed" when React has put a new trace into the DOM (before layout and paint);
 * - "drawn" once the browser has painted it (ui/after-paint.ts): the charts of the new run are on screen;
 * - "complete" once a run's explanations and state snapshots are in and painted too (for a large run they arrive
 *   after the first paint, and the state chart is drawn then). For a small run both happen in the same paint.
 * Each paint is also written on the charts container as data-drawn / data-complete = the run's revision, so a test
 * can wait for exactly the run it caused.
 */
export function useRedrawMarks(ref: RefObject<HTMLElement | null>, trace: TraceData | null, revision: number): void {
  useLayoutEffect(() => {
    if (trace) performance.mark(MARKS.committed, { detail: { revision } });
  }, [trace, revision]);
  useEffect(() => {
    if (!trace) return;
    return afterNextPaint(() => afterPaint(ref.current, trace, revision));
  }, [ref, trace, revision]);
}

function afterPaint(el: HTMLElement | null, trace: TraceData, revision: number): void {
  if (measured.revision !== revision) measured = { revision, drawn: false, complete: false };
  const start = editStartOf(revision);
  const measure = (name: string) => {
    if (start !== null) performance.measure(name, { start, end: performance.now(), detail: { revision, decisions: trace.limiters.reduce((n, l) => n + l.n, 0) } });
  };
  if (!measured.drawn) {
    measured.drawn = true;
    performance.mark(MARKS.drawn, { detail: { revision } });
    measure(MEASURES.redraw);
    if (el) el.dataset.drawn = String(revision);
  }
  if (!measured.complete && trace.detail !== 'pending') {
    measured.complete = true;
    performance.mark(MARKS.complete, { detail: { revision } });
    measure(MEASURES.complete);
    if (el) el.dataset.complete = String(revision);
  }
}
