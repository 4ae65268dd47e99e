import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../builtins.js';
import { runScenario } from '../run.js';
import { decisionColumns, type DecisionColumnsView } from './decision-view.js';
import type { TraceDecision } from './types.js';

/** Decision `i` rebuilt from the view, with the record's fields in the record's order. */
function recordOf(v: DecisionColumnsView, i: number): TraceDecision {
  const c = v.clients[v.client[i] as number]!;
  const d: TraceDecision = {
    tMs: v.tMs[i]!, client: c.id, key: c.key, replica: v.replica[i]!, attempt: v.attempt[i]!,
    allowed: v.allowed(i), remaining: v.remaining[i]!, retryAfterMs: v.retryAfterMs[i]!,
  };
  if (v.delayMs(i) !== undefined) d.delayMs = v.delayMs(i);
  if (v.cost(i) !== undefined) d.cost = v.cost(i);
  if (v.nowMs(i) !== undefined) d.nowMs = v.nowMs(i);
  if (v.arrivalMs(i) !== undefined) d.arrivalMs = v.arrivalMs(i);
  if (v.fallback(i) !== undefined) {
    d.fallback = v.fallback(i);
    d.fallbackReason = v.fallbackReason(i);
  }
  return d;
}

describe('decisionColumns', () => {
  it('reads every built-in lean trace exactly as its records', () => {
    for (const s of BUILTIN_SCENARIOS) {
      const views = runScenario(s, { detail: 'lean' }).limiters.map((l) => decisionColumns(l)!);
      const records = runScenario(s, { detail: 'lean' }).limiters.map((l) => l.decisions);
      views.forEach((v, j) => {
        expect(v, s.id).toBeDefined();
        expect(v.length, s.id).toBe(records[j]!.length);
        expect(Array.from({ length: v.length }, (_, i) => recordOf(v, i)), s.id).toEqual(records[j]);
      });
    }
  });

  it('answers undefined once the records were read, and for a limiter it did not build', () => {
    const trace = runScenario(BUILTIN_SCENARIOS[0]!, { detail: 'lean' });
    const [first, second] = trace.limiters;
    expect(decisionColumns(first!)).toBeDefined();
    expect(decisionColumns(second!)).toBeDefined();
    void first!.decisions;
    expect(decisionColumns(first!)).toBeUndefined();
    second!.decisions = [];
    expect(decisionColumns(second!)).toBeUndefined();
    // Cloning reads the records too; the clone's limiters are plain objects with no columns behind them.
    expect(decisionColumns(structuredClone(trace).limiters[0]!)).toBeUndefined();
  });
});
