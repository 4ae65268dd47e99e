import { modelFor, type ModelState, type Rule } from '@ratelab/algorithms';
import type { Command, NaiveField, Reply, ScriptReply, SyncBackend } from './backend.js';

/**
 * The `sim` engine's "Redis": the algorithm's pure model behind a Map, one state per client key, plus plain
 * numbers for the naive bucket's separate `tokens` and `last` values. Synchronous, so a run is one tight loop.
 */
export class SimBackend implements SyncBackend {
  /** Model state per key slot (an array, not a Map: this lookup is on every decision of a big run). */
  private readonly states: (ModelState | undefined)[] = [];
  /** The naive bucket's two stored values per key slot (undefined = never set, as a missing Redis key). */
  private readonly values: Record<NaiveField, (number | undefined)[]> = { tokens: [], last: [] };
  private readonly model;
  private readonly reply: ScriptReply = { decision: { allowed: false, remaining: 0, limit: 0, retryAfterMs: 0, resetMs: 0 } };

  constructor(
    private readonly rule: Rule,
    private readonly detail: boolean,
  ) {
    this.model = modelFor(rule);
  }

  exec(cmd: Command): Reply {
    if (cmd.op === 'get') return this.values[cmd.field][cmd.slot] ?? null;
    if (cmd.op === 'set') {
      this.values[cmd.field][cmd.slot] = cmd.value;
      return null;
    }
    const { rule, model } = this;
    let state = this.states[cmd.slot];
    if (state === undefined) {
      state = model.initial(rule, cmd.nowMs);
      this.states[cmd.slot] = state;
    }
    if (!this.detail) {
      // One reply object for every lean decision: a big run makes a million, and the caller copies one it keeps.
      this.reply.decision = model.decideInPlace(rule, state, cmd.nowMs, cmd.cost);
      return this.reply;
    }
    const before = model.describe(rule, state, cmd.nowMs);
    const decision = model.decideInPlace(rule, state, cmd.nowMs, cmd.cost);
    return { decision, before, after: model.describe(rule, state, cmd.nowMs) };
  }
}
