import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, runScenario } from '@ratelab/sim';
import type { TraceView } from '../state/types';
import { buildSteps } from './steps';
import { toColumns, toTraceJson } from './columns';

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
});
