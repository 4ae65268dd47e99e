// Test-only: the properties every model must have, registered as vitest tests by each models/<name>.test.ts.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { TraceStep } from '../conformance/harness.js';
import type { Decision } from '../decision.js';
import { modelFor, step, type ModelState } from '../models/registry.js';
import { parseRule, ruleCapacity, type AlgorithmName, type Rule, type RuleInput } from '../rules.js';
import { ruleArb, traceArb } from './arbitraries.js';

/** Runs a trace on the model, one key; returns every decision and the state after each. */
export function runSteps(ruleInput: RuleInput | Rule, steps: readonly TraceStep[]): { d: Decision; after: ModelState; t: number }[] {
  const rule = parseRule(ruleInput);
  let state: ModelState | undefined;
  return steps.map((s) => {
    const r = step(rule, state, s.t, s.cost ?? 1);
    state = r.state;
    return { d: r.decision, after: r.state, t: s.t };
  });
}

/** Shorthand for hand-written cases: `[t, cost]` pairs, or bare times with cost 1. */
export function decide(rule: RuleInput, ...reqs: (number | [number, number])[]): Decision[] {
  return runSteps(rule, reqs.map((r) => (Array.isArray(r) ? { t: r[0], cost: r[1] } : { t: r }))).map((x) => x.d);
}

/** Decides on a copy of `state`, leaving it untouched. */
function probe(rule: Rule, state: ModelState, t: number, cost: number): Decision {
  return step(rule, state, t, cost).decision;
}

/** How many unit requests in a row a copy of `state` admits at `t` (bounded by capacity + 1). */
function burstAt(rule: Rule, state: ModelState, t: number): number {
  const model = modelFor(rule);
  const copy = model.clone(state);
  let n = 0;
  while (n <= ruleCapacity(rule) && model.decideInPlace(rule, copy, t, 1).allowed) n += 1;
  return n;
}

const traces = (algorithm: AlgorithmName) => ruleArb(algorithm).chain((rule) => traceArb(rule, 20).map((steps) => ({ rule, steps })));

/** Registers the shared property tests for one algorithm's model. */
export function modelProperties(algorithm: AlgorithmName, numRuns = 300): void {
  it('retryAfterMs is exactly the smallest wait: blocked at t + retryAfterMs - 1, allowed at t + retryAfterMs', () => {
    fc.assert(
      fc.property(traces(algorithm), ({ rule, steps }) => {
        runSteps(rule, steps).forEach(({ d, after, t }, i) => {
          const cost = steps[i]?.cost ?? 1;
          if (d.allowed) return expect(d.retryAfterMs).toBe(0);
          expect(d.retryAfterMs).toBeGreaterThan(0);
          expect(probe(rule, after, t + d.retryAfterMs, cost).allowed).toBe(true);
          expect(probe(rule, after, t + d.retryAfterMs - 1, cost).allowed).toBe(false);
        });
      }),
      { numRuns },
    );
  });

  it('remaining is exactly the largest cost admitted right now; resetMs is exactly when a full-capacity request fits', () => {
    fc.assert(
      fc.property(traces(algorithm), ({ rule, steps }) => {
        const cap = ruleCapacity(rule);
        runSteps(rule, steps).forEach(({ d, after, t }) => {
          expect(d.remaining).toBeGreaterThanOrEqual(0);
          if (d.remaining > 0) expect(probe(rule, after, t, d.remaining).allowed).toBe(true);
          if (d.remaining < cap) expect(probe(rule, after, t, d.remaining + 1).allowed).toBe(false);
          expect(probe(rule, after, t + d.resetMs, cap).allowed).toBe(true);
          if (d.resetMs > 0) expect(probe(rule, after, t + d.resetMs - 1, cap).allowed).toBe(false);
        });
      }),
      { numRuns },
    );
  });

  it('out-of-order (skewed) times never mint capacity: a burst at an earlier time admits no more than at the latest', () => {
    fc.assert(
      fc.property(traces(algorithm), fc.integer({ min: 0, max: 5000 }), ({ rule, steps }, back) => {
        const run = runSteps(rule, steps);
        const last = run[run.length - 1];
        if (!last) return;
        const latest = Math.max(...steps.map((s) => s.t));
        expect(burstAt(rule, last.after, Math.max(0, latest - back))).toBeLessThanOrEqual(burstAt(rule, last.after, latest));
      }),
      { numRuns },
    );
  });
}

/**
 * A decision in one short line for hand-written expectations: `Y`/`n` (allowed/blocked), then remaining,
 * retryAfterMs, resetMs and (leaky bucket) delayMs. Example: `n rem0 ret998 rst999`.
 */
export function brief(d: Decision): string {
  const delay = d.delayMs === undefined ? '' : ` dl${d.delayMs}`;
  return `${d.allowed ? 'Y' : 'n'} rem${d.remaining} ret${d.retryAfterMs} rst${d.resetMs}${delay}`;
}

/** `decide` then `brief`: the hand-written cases compare these lines. */
export function briefs(rule: RuleInput, ...reqs: (number | [number, number])[]): string[] {
  return decide(rule, ...reqs).map(brief);
}
