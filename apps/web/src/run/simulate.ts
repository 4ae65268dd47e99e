import { BUILTIN_SCENARIOS, decisionColumns, parseScenario, runScenario, type TraceLimiter as SimTraceLimiter } from '@ratelab/sim';
import type { ScenarioJson, TraceView } from '../state/types';
import { detailColumns, toColumns, transferables } from './columns';
import type { WorkerRequest, WorkerResponse } from './protocol';

/**
 * Runs with at most this many decisions get their explanations and state snapshots in the first answer. Larger
 * runs answer first with the decisions alone (fast: the charts redraw at once) and the page asks for the detail
 * separately (a "detail" request, answered by a second worker).
 */
export const DETAIL_FIRST_MAX_DECISIONS = 6_000;

/** The simulator's own columns of a limiter of a trace it has just returned (the web's trace type is a view of its). */
const columnsOf = (l: TraceView['limiters'][number]) => decisionColumns(l as unknown as SimTraceLimiter);

export interface Answer {
  response: WorkerResponse;
  transfer: ArrayBuffer[];
}

/**
 * Answers one request with the real simulator: validate the scenario, then run it through the pure models.
 * Shared by the Web Workers and the in-page fallback so all give the same answers.
 */
export function answer(req: WorkerRequest, now: () => number): Answer {
  if (req.kind === 'builtins') {
    return { response: { id: req.id, kind: 'builtins', scenarios: BUILTIN_SCENARIOS as unknown as ScenarioJson[] }, transfer: [] };
  }
  try {
    const t0 = now();
    const parsed = parseScenario(req.scenario);
    if (!parsed.ok) return { response: { id: req.id, kind: 'run', ok: false, issues: parsed.issues }, transfer: [] };
    if (req.kind === 'detail') {
      // 'auto' keeps the simulator's own bound: beyond it a run stays lean and the page says so.
      const full = runScenario(parsed.scenario, { engine: 'sim' }) as unknown as TraceView;
      if (full.detail === 'lean') return { response: { id: req.id, kind: 'detail', limiters: null }, transfer: [] };
      const limiters = full.limiters.map(detailColumns);
      const transfer = limiters.flatMap((d) => [...d.before, ...d.after].map((a) => a.buffer as ArrayBuffer));
      return { response: { id: req.id, kind: 'detail', limiters }, transfer };
    }
    // A part of a split run (run/parts.ts) is validated whole, so problems carry the scenario's own paths, then runs
    // only its limiters, and gets its detail at once when its share of the bound allows.
    const limiterRange = req.limiterRange;
    const share = limiterRange ? (limiterRange[1] - limiterRange[0]) / parsed.scenario.limiters.length : 1;
    const lean = runScenario(parsed.scenario, { engine: 'sim', detail: 'lean', limiterRange }) as unknown as TraceView;
    // Counted from the simulator's columns: reading `decisions` here would build the records the columns avoid.
    const decisions = lean.limiters.reduce((n, l) => n + (columnsOf(l)?.length ?? l.decisions.length), 0);
    if (decisions <= DETAIL_FIRST_MAX_DECISIONS * share) {
      const full = runScenario(parsed.scenario, { engine: 'sim', limiterRange }) as unknown as TraceView;
      const detailed = toColumns(full, full.detail !== 'lean');
      return { response: { id: req.id, kind: 'run', ok: true, trace: detailed, simMs: now() - t0 }, transfer: transferables(detailed) };
    }
    const data = toColumns(lean, false, columnsOf);
    data.detail = 'pending';
    return { response: { id: req.id, kind: 'run', ok: true, trace: data, simMs: now() - t0 }, transfer: transferables(data) };
  } catch (err) {
    return { response: { id: req.id, kind: 'crash', message: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
}
