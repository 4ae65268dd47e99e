import type { Decision } from './decision.js';
import { modelFor, type ModelState } from './models/registry.js';
import { costIssue, parseRule, type Rule, type RuleInput } from './rules.js';

/**
 * A limiter that keeps its state in this process: the pure model behind a Map. It is what the server falls back
 * to when Redis is unreachable (`onRedisDown: "local-fallback"`) and the reference the conformance suite compares
 * the Lua scripts against. `maxKeys` bounds its memory: the least recently used key is forgotten first.
 */
export class MemoryLimiter {
  readonly rule: Rule;
  private readonly states = new Map<string, ModelState>();
  private readonly maxKeys: number;

  /** @param maxKeys keys kept before the least recently used is dropped (default 100,000) */
  constructor(rule: RuleInput | Rule, options: { maxKeys?: number } = {}) {
    this.rule = parseRule(rule);
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** Decides a request at `nowMs` (the caller's clock: this class never reads the time itself). */
  check(key: string, nowMs: number, cost = 1): Decision {
    const problem = costIssue(this.rule, cost);
    if (problem) throw new RangeError(problem);
    const model = modelFor(this.rule);
    let state = this.states.get(key);
    if (state === undefined) {
      state = model.initial(this.rule, nowMs);
      if (this.states.size >= this.maxKeys) {
        const oldest = this.states.keys().next();
        if (!oldest.done) this.states.delete(oldest.value);
      }
    } else {
      this.states.delete(key);
    }
    this.states.set(key, state);
    return model.decideInPlace(this.rule, state, nowMs, cost);
  }

  /** The chart numbers of one key's state (empty when the key has never been seen). */
  describe(key: string, nowMs: number): Record<string, number> {
    const state = this.states.get(key);
    return state === undefined ? {} : modelFor(this.rule).describe(this.rule, state, nowMs);
  }

  get size(): number {
    return this.states.size;
  }
}
