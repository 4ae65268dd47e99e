import type { Issue, ScenarioJson } from '../state/types';
import type { LimiterDetail, TraceData } from './columns';

/**
 * Messages between the page and the simulator workers. Every request carries an id so a stale answer can be dropped.
 * "run" answers with the decisions (and, for a small run, their detail at once); "detail" computes a large run's
 * explanations and state snapshots, in a worker of its own so it never holds up the next "run".
 */
export type WorkerRequest =
  /** `limiterRange`: run only the limiters [from, to) (one part of a run split across workers, see run/parts.ts). */
  | { id: number; kind: 'run'; scenario: unknown; limiterRange?: [number, number] }
  | { id: number; kind: 'detail'; scenario: unknown } | { id: number; kind: 'builtins' };

export type WorkerResponse =
  | { id: number; kind: 'run'; ok: true; trace: TraceData; simMs: number }
  | { id: number; kind: 'run'; ok: false; issues: Issue[] }
  /** A large run's explanations and state snapshots, or null if the run is too big to keep them. */
  | { id: number; kind: 'detail'; limiters: LimiterDetail[] | null }
  /** A detail request overtaken by a newer one before it started: nothing was computed. */
  | { id: number; kind: 'skipped' }
  | { id: number; kind: 'builtins'; scenarios: ScenarioJson[] }
  | { id: number; kind: 'crash'; message: string };
