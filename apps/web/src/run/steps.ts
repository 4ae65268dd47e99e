import type { TraceDecision } from '../state/types';
import { decisionOf, type TraceData } from './columns';

/**
 * The playground's timeline: every decision of every limiter, merged by time (ties: limiter order, then decision
 * order). A "step" is an index into it, so step forward/back moves exactly one decision and a URL can name one.
 */
export interface Steps {
  length: number;
  limiter: Int32Array;
  decision: Int32Array;
  tMs: Float64Array;
}

export function buildSteps(trace: TraceData): Steps {
  const lists = trace.limiters;
  const length = lists.reduce((n, l) => n + l.n, 0);
  const limiter = new Int32Array(length);
  const decision = new Int32Array(length);
  const tMs = new Float64Array(length);
  const next = new Int32Array(lists.length);
  // A k-way merge: each limiter's decisions are already in decision order, so this is linear in the trace size.
  for (let i = 0; i < length; i++) {
    let best = -1;
    let bestT = Infinity;
    for (let l = 0; l < lists.length; l++) {
      const at = next[l]!;
      const c = lists[l]!;
      if (at < c.n && c.tMs[at]! < bestT) {
        best = l;
        bestT = c.tMs[at]!;
      }
    }
    limiter[i] = best;
    decision[i] = next[best]!;
    tMs[i] = bestT;
    next[best]! += 1;
  }
  return { length, limiter, decision, tMs };
}

export function decisionAt(trace: TraceData, steps: Steps, step: number): { limiter: number; index: number; d: TraceDecision } | null {
  if (step < 0 || step >= steps.length) return null;
  const limiter = steps.limiter[step]!;
  const index = steps.decision[step]!;
  const l = trace.limiters[limiter];
  return l && index < l.n ? { limiter, index, d: decisionOf(trace, l, index) } : null;
}

/** The first step at or after `tMs` (steps.length - 1 when past the end); used to keep the cursor after a re-run. */
export function stepAtTime(steps: Steps, tMs: number): number {
  let lo = 0;
  let hi = steps.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps.tMs[mid]! < tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** For each limiter, the index of its last decision at or before step `step` (-1 when none yet). */
export function lastDecisionPerLimiter(steps: Steps, limiters: number, step: number): number[] {
  const out = new Array<number>(limiters).fill(-1);
  let found = 0;
  for (let i = Math.min(step, steps.length - 1); i >= 0 && found < limiters; i--) {
    const l = steps.limiter[i]!;
    if (out[l] === -1) {
      out[l] = steps.decision[i]!;
      found++;
    }
  }
  return out;
}
