import type { Decision } from '../decision.js';

/**
 * A pure model of one algorithm: the decision rule of `algorithms.md` with time passed in, no I/O.
 * `decideInPlace` mutates the state it is given, which keeps the simulator's hot loop free of copies;
 * `step` (in `step.ts`) is the side-effect-free wrapper for everyone else.
 */
export interface AlgorithmModel<P, S> {
  /** The state of a key that has never been seen, at time `tMs`. */
  initial(params: P, tMs: number): S;
  /** Decides one request of `cost` units at `tMs`, updating `state`. */
  decideInPlace(params: P, state: S, tMs: number, cost: number): Decision;
  /** A deep copy, so callers can keep a "before" snapshot. */
  clone(state: S): S;
  /** The numbers a chart or the inspector shows for this state at `tMs` (tokens, level, counts, log size, TAT). */
  describe(params: P, state: S, tMs: number): Record<string, number>;
}
