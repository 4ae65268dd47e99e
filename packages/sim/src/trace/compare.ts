import type { Trace, TraceDecision } from './types.js';

/** The decision fields every engine must agree on (explanations and state numbers are derived from them). */
const FIELDS = ['tMs', 'client', 'key', 'replica', 'attempt', 'allowed', 'remaining', 'retryAfterMs', 'delayMs', 'cost', 'nowMs', 'arrivalMs', 'fallback', 'fallbackReason'] as const;

export interface Difference {
  limiter: string;
  index: number;
  field: string;
  a: unknown;
  b: unknown;
  explanation: string;
}

/** `first` is present exactly when `same` is false; narrowing on `same` gives it its type. */
export type Comparison = { same: true; first?: undefined } | { same: false; first: Difference };

/** Finds the first decision where two traces of the same scenario disagree (engine names aside). */
export function compareTraces(a: Trace, b: Trace): Comparison {
  const names = `${a.engine} vs ${b.engine}`;
  if (a.limiters.length !== b.limiters.length) {
    const first = { limiter: '', index: -1, field: 'limiters', a: a.limiters.length, b: b.limiters.length, explanation: `${names}: different numbers of limiters` };
    return { same: false, first };
  }
  for (const [li, la] of a.limiters.entries()) {
    const lb = b.limiters[li] as Trace['limiters'][number];
    const n = Math.min(la.decisions.length, lb.decisions.length);
    for (let i = 0; i < n; i += 1) {
      const da = la.decisions[i] as TraceDecision;
      const db = lb.decisions[i] as TraceDecision;
      for (const field of FIELDS) {
        if (da[field] !== db[field]) {
          const explanation =
            `${names}: limiter "${la.id}" decision #${i} (${da.client} at ${da.tMs} ms, attempt ${da.attempt}): ` +
            `${field} is ${JSON.stringify(da[field])} on ${a.engine} but ${JSON.stringify(db[field])} on ${b.engine}`;
          return { same: false, first: { limiter: la.id, index: i, field, a: da[field], b: db[field], explanation } };
        }
      }
    }
    if (la.decisions.length !== lb.decisions.length) {
      const explanation = `${names}: limiter "${la.id}" made ${la.decisions.length} decisions on ${a.engine} but ${lb.decisions.length} on ${b.engine}`;
      return { same: false, first: { limiter: la.id, index: n, field: 'decisions.length', a: la.decisions.length, b: lb.decisions.length, explanation } };
    }
  }
  const ta = JSON.stringify(a.breaker);
  const tb = JSON.stringify(b.breaker);
  if (ta !== tb) {
    return { same: false, first: { limiter: '', index: -1, field: 'breaker', a: a.breaker, b: b.breaker, explanation: `${names}: breaker transitions differ` } };
  }
  return { same: true };
}
