import type { Issue, ScenarioJson, TraceView } from '../state/types';

/** Messages between the page and the simulator worker. Every run carries an id so a stale answer can be dropped. */
export type WorkerRequest = { id: number; kind: 'run'; scenario: unknown } | { id: number; kind: 'builtins' };

export type WorkerResponse =
  | { id: number; kind: 'run'; ok: true; trace: TraceView; simMs: number }
  | { id: number; kind: 'run'; ok: false; issues: Issue[] }
  | { id: number; kind: 'builtins'; scenarios: ScenarioJson[] }
  | { id: number; kind: 'crash'; message: string };
