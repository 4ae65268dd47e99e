import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, decisionColumns, runScenario, type TraceLimiter as SimTraceLimiter } from '@ratelab/sim';
import type { TraceView } from '../state/types';
import { buildSteps } from './steps';
import { toColumns, toTraceJson, type LimiterColumns } from './columns';

describe('trace columns', () => {
  it('rebuild every built-in trace exactly, field for field', () => {
    for (const s of BUILTIN_SCENARIOS) {
      const trace = runScenario(s, { engine: 'sim' }) as unknown as TraceView;
      const back = toTraceJson(toColumns(trace, true));
      expect(JSON.parse(JSON.stringify(back.limiters.map((l) => l.decisions))), s.id).toEqual(
        JSON.parse(JSON.stringify(trace.limiters.map((l) => l.decisions.map((d) => ({ ...d, stateBefore: d.stateBefore ?? {}, stateAfter: d.stateAfter ?? {} }))))),
      );
    }
  });

  it('merge every decision into time order for stepping', () => {
    const trace = runScenario(BUILTIN_SCENARIOS[0]!, { engine: 'sim' }) as unknown as TraceView;
    const steps = buildSteps(toColumns(trace, false));
    expect(steps.length).toBe(trace.limiters.reduce((n, l) => n + l.decisions.length, 0));
    for (let i = 1; i < steps.length; i++) expect(steps.tMs[i]!).toBeGreaterThanOrEqual(steps.tMs[i - 1]!);
  });

  it('build lean traces from the simulator\'s columns exactly as from its records, strings table included', () => {
    const arrays = ['tMs', 'allowed', 'remaining', 'retryAfterMs', 'delayMs', 'cost', 'nowMs', 'arrivalMs', 'attempt', 'replica', 'client', 'key', 'fallback', 'fallbackReason'] as const;
    for (const s of BUILTIN_SCENARIOS) {
      const fresh = runScenario(s, { engine: 'sim', detail: 'lean' });
      // The fast path is only taken while the records are unread; check that it is the path under test.
      expect(fresh.limiters.every((l) => decisionColumns(l) !== undefined), s.id).toBe(true);
      const fast = toColumns(fresh as unknown as TraceView, false, (l) => decisionColumns(l as unknown as SimTraceLimiter));
      const read = runScenario(s, { engine: 'sim', detail: 'lean' });
      // Reading the records first sends toColumns down the record path.
      for (const l of read.limiters) expect(l.decisions.length >= 0 && decisionColumns(l as SimTraceLimiter), s.id).toBeUndefined();
      const slow = toColumns(read as unknown as TraceView, false, (l) => decisionColumns(l as unknown as SimTraceLimiter));
      expect(fast.strings, s.id).toEqual(slow.strings);
      expect(fast.limiters.length, s.id).toBe(slow.limiters.length);
      fast.limiters.forEach((f, j) => {
        const o = slow.limiters[j] as LimiterColumns;
        for (const k of arrays) {
          expect(f[k].constructor, `${s.id} ${f.id} ${k}`).toBe(o[k].constructor);
          // Object.is per value: NaN equals NaN (a field the record leaves out), and 0 and -0 stay apart.
          const differs = Array.from(f[k] as ArrayLike<number>).findIndex((v, i) => !Object.is(v, (o[k] as ArrayLike<number>)[i]));
          expect(f[k].length === o[k].length && differs === -1, `${s.id} ${f.id} ${k} differs at ${differs}`).toBe(true);
        }
        const { n, id, algorithm, rule, summary, detail } = f;
        expect({ n, id, algorithm, rule, summary, detail }, s.id).toEqual({ n: o.n, id: o.id, algorithm: o.algorithm, rule: o.rule, summary: o.summary, detail: o.detail });
      });
      expect({ ...fast, strings: null, limiters: null }, s.id).toEqual({ ...slow, strings: null, limiters: null });
    }
  });
});
