import { BUILTIN_SCENARIOS, parseScenario, runScenario } from '@ratelab/sim';
import type { ScenarioJson, TraceView } from '../state/types';
import type { WorkerRequest, WorkerResponse } from './protocol';

/**
 * Answers one request with the real simulator: validate the scenario, then run it through the pure models.
 * Shared by the Web Worker and the in-page fallback so both give the same answers.
 */
export function answer(req: WorkerRequest, now: () => number): WorkerResponse {
  if (req.kind === 'builtins') {
    return { id: req.id, kind: 'builtins', scenarios: BUILTIN_SCENARIOS as unknown as ScenarioJson[] };
  }
  try {
    const parsed = parseScenario(req.scenario);
    if (!parsed.ok) return { id: req.id, kind: 'run', ok: false, issues: parsed.issues };
    const t0 = now();
    const trace = runScenario(parsed.scenario, { engine: 'sim' }) as unknown as TraceView;
    return { id: req.id, kind: 'run', ok: true, trace, simMs: now() - t0 };
  } catch (err) {
    return { id: req.id, kind: 'crash', message: err instanceof Error ? err.message : String(err) };
  }
}
