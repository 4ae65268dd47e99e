import { stepAtTime, type Steps } from '../run/steps';
import type { TraceData } from '../run/columns';

/** How many columns the scrubber's marker strip is divided into; many blocked requests share a column. */
export const MARKER_COLUMNS = 240;

export interface Markers {
  /** Columns (0..MARKER_COLUMNS-1) holding at least one blocked decision. */
  blocked: number[];
  /** Step indices of blocked decisions, for "next blocked" navigation. */
  blockedSteps: Int32Array;
  breaker: { step: number; label: string }[];
  faults: { from: number; to: number; label: string }[];
}

export function buildMarkers(trace: TraceData, steps: Steps): Markers {
  const last = Math.max(1, steps.length - 1);
  const column = (step: number) => Math.min(MARKER_COLUMNS - 1, Math.floor((step / last) * MARKER_COLUMNS));
  // A flag per column rather than a set: the loop visits every decision of the run (40,000 for a 10,000-request
  // run with four limiters), and steps only move forward, so reading the flags in order gives the columns in order.
  const hit = new Uint8Array(MARKER_COLUMNS);
  const blocked: number[] = [];
  const allowed = trace.limiters.map((l) => l.allowed);
  for (let i = 0; i < steps.length; i++) {
    if (allowed[steps.limiter[i]!]![steps.decision[i]!] === 0) {
      blocked.push(i);
      hit[column(i)] = 1;
    }
  }
  const columns: number[] = [];
  for (let c = 0; c < MARKER_COLUMNS; c++) if (hit[c] === 1) columns.push(c);
  return {
    blocked: columns,
    blockedSteps: Int32Array.from(blocked),
    breaker: (trace.breaker ?? []).map((b) => ({ step: stepAtTime(steps, b.tMs), label: `replica ${b.replica}: breaker ${b.from} → ${b.to} at ${b.tMs} ms` })),
    faults: (trace.faults ?? []).map((f) => ({ from: stepAtTime(steps, f.fromMs), to: stepAtTime(steps, f.toMs), label: `${f.kind} from ${f.fromMs} to ${f.toMs} ms` })),
  };
}

/** The next (dir 1) or previous (dir -1) blocked step from `step`, or null. */
export function nextBlocked(m: Markers, step: number, dir: 1 | -1): number | null {
  const a = m.blockedSteps;
  if (dir === 1) {
    for (let i = 0; i < a.length; i++) if (a[i]! > step) return a[i]!;
  } else {
    for (let i = a.length - 1; i >= 0; i--) if (a[i]! < step) return a[i]!;
  }
  return null;
}
