import type { Decision } from '../decision.js';
import type { AlgorithmName, Rule } from '../rules.js';
import { fixedWindow } from './fixed-window.js';
import { gcra } from './gcra.js';
import { leakyBucket } from './leaky-bucket.js';
import type { AlgorithmModel } from './model.js';
import { slidingCounter } from './sliding-counter.js';
import { slidingLog } from './sliding-log.js';
import { tokenBucket } from './token-bucket.js';

/** Every algorithm's model. The naive bucket has the token bucket's arithmetic; only its Redis access differs. */
export const MODELS: Record<AlgorithmName, AlgorithmModel<never, unknown>> = {
  'token-bucket': tokenBucket as AlgorithmModel<never, unknown>,
  'token-bucket-naive': tokenBucket as AlgorithmModel<never, unknown>,
  'leaky-bucket': leakyBucket as AlgorithmModel<never, unknown>,
  'fixed-window': fixedWindow as AlgorithmModel<never, unknown>,
  'sliding-log': slidingLog as AlgorithmModel<never, unknown>,
  'sliding-counter': slidingCounter as AlgorithmModel<never, unknown>,
  gcra: gcra as AlgorithmModel<never, unknown>,
};

/** An opaque per-key state; only the rule's own model can read it. */
export type ModelState = unknown;

/** The model for a validated rule, typed loosely so callers can hold states of any algorithm. */
export function modelFor(rule: Rule): AlgorithmModel<Rule, ModelState> {
  return MODELS[rule.algorithm] as unknown as AlgorithmModel<Rule, ModelState>;
}

/**
 * The pure step: decides one request without touching its input. `state` undefined means a key never seen.
 * Returns the decision and the new state.
 */
export function step(rule: Rule, state: ModelState | undefined, tMs: number, cost = 1): { decision: Decision; state: ModelState } {
  const model = modelFor(rule);
  const next = state === undefined ? model.initial(rule, tMs) : model.clone(state);
  const decision = model.decideInPlace(rule, next, tMs, cost);
  return { decision, state: next };
}
