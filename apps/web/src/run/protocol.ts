import type { Issue, ScenarioJson } from '../state/types';
import type { LimiterDetail, TraceData } from './columns';

/** Messages between the page and the simulator worker. Every run carries an id so a stale answer can be dropped. */
export type WorkerRequest = { id: number; kind: 'run'; scenario: unknown } | { id: number; kind: 'builtins' };

export type WorkerResponse =
  | { id: number; kind: 'run'; ok: true; trace: TraceData; simMs: number }
  | { id: number; kind: 'run'; ok: false; issues: Issue[] }
  /** The second phase of a large run: explanations and state snapshots, or null if the run is too big to keep them. */
  | { id: number; kind: 'detail'; limiters: LimiterDetail[] | null }
  | { id: number; kind: 'builtins'; scenarios: ScenarioJson[] }
  | { id: number; kind: 'crash'; message: string };
