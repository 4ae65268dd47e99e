import { modelFor, type ModelState, type Rule } from '@ratelab/algorithms';
import type { Command, Reply, SyncBackend } from './backend.js';

/**
 * The `sim` engine's "Redis": the algorithm's pure model behind a Map, one state per client key, plus plain
 * numbers for the naive bucket's separate `tokens` and `last` values. Synchronous, so a run is one tight loop.
 */
export class SimBackend implements SyncBackend {
  private readonly states = new Map<string, ModelState>();
  private readonly values = new Map<string, number>();
  private readonly model;

  constructor(
    private readonly rule: Rule,
    private readonly detail: boolean,
  ) {
    this.model = modelFor(rule);
  }

  exec(cmd: Command): Reply {
    if (cmd.op === 'get') return this.values.get(`${cmd.key}\u0000${cmd.field}`) ?? null;
    if (cmd.op === 'set') {
      this.values.set(`${cmd.key}\u0000${cmd.field}`, cmd.value);
      return null;
    }
    const { rule, model } = this;
    let state = this.states.get(cmd.key);
    if (state === undefined) {
      state = model.initial(rule, cmd.nowMs);
      this.states.set(cmd.key, state);
    }
    if (!this.detail) return { decision: model.decideInPlace(rule, state, cmd.nowMs, cmd.cost) };
    const before = model.describe(rule, state, cmd.nowMs);
    const decision = model.decideInPlace(rule, state, cmd.nowMs, cmd.cost);
    return { decision, before, after: model.describe(rule, state, cmd.nowMs) };
  }
}
