// What the pure model admits for waves of identical simultaneous checks: the reference the concurrency tests
// compare real Redis against. Within a wave every check has the same time and cost, so any serial order of them
// gives the model the same count; waves are decided one after the other, as the tests fire them.
import { step, type ModelState } from '../../models/registry.js';
import type { Rule } from '../../rules.js';

/** `n` checks decided at virtual time `atMs`. */
export interface Wave {
  atMs: number;
  n: number;
}

/** Admitted count per wave, on a fresh key. */
export function expectedCounts(rule: Rule, waves: readonly Wave[], cost = 1): number[] {
  let state: ModelState | undefined;
  return waves.map((wave) => {
    let admitted = 0;
    for (let i = 0; i < wave.n; i += 1) {
      const next = step(rule, state, wave.atMs, cost);
      state = next.state;
      if (next.decision.allowed) admitted += 1;
    }
    return admitted;
  });
}
