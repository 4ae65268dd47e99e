import type { Issue, ScenarioJson } from '../state/types';
import type { LimiterDetail, TraceData } from './columns';
import { changedLimiter, joinParts, spliceLimiter, splitLimiters } from './parts';
import type { WorkerRequest, WorkerResponse } from './protocol';

export type RunResult = { ok: true; trace: TraceData; simMs: number } | { ok: false; issues: Issue[] };

/**
 * One simulator worker: requests are answered in order and each caller gets a promise for its answer. If workers are
 * unavailable the simulator is loaded into the page instead.
 */
class WorkerLane {
  private worker: Worker | null = null;
  private pending = new Map<number, (r: WorkerResponse) => void>();

  constructor(name: string) {
    try {
      this.worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name });
      this.worker.onmessage = (e: MessageEvent<WorkerResponse>) => this.settle(e.data);
      this.worker.onerror = () => this.failAll('The simulator worker stopped unexpectedly.');
    } catch {
      this.worker = null;
    }
  }

  send(req: WorkerRequest): Promise<WorkerResponse> {
    return new Promise((resolve) => {
      this.pending.set(req.id, resolve);
      if (this.worker) this.worker.postMessage(req);
      else void import('./simulate').then(({ answer }) => this.settle(answer(req, () => performance.now()).response));
    });
  }

  private settle(r: WorkerResponse) {
    const done = this.pending.get(r.id);
    this.pending.delete(r.id);
    done?.(r);
  }

  private failAll(message: string) {
    for (const [id, done] of this.pending) done({ id, kind: 'crash', message });
    this.pending.clear();
  }
}

/** Workers that share a run's limiters: one per core the browser reports, at most one per limiter (up to 4). */
const MAX_RUN_LANES = 4;

/** How many limiters a scenario names, from its JSON before validation (0 when it has no list of them). */
const limiterCount = (scenario: unknown): number => {
  const limiters = (scenario as { limiters?: unknown } | null)?.limiters;
  return Array.isArray(limiters) ? limiters.length : 0;
};

/**
 * Talks to the simulator. A run's limiters are split across up to one worker per core (run/parts.ts): each validates
 * the whole scenario and runs its share, and the page joins the parts. A large run's explanations and state snapshots
 * are computed by one more worker, started the first time one is needed, so that slow second phase never delays the
 * next edit's run. The store decides which answer is still current.
 */
export class SimRunner {
  private nextId = 1;
  private readonly runs = [new WorkerLane('ratelab-sim')];
  private details: WorkerLane | null = null;
  /** Run workers to use at most (started as a split first needs them). */
  private readonly lanes = Math.max(1, Math.min(MAX_RUN_LANES, globalThis.navigator?.hardwareConcurrency ?? 1));

  /**
   * Runs `scenario`. With `base` (the run on screen and the scenario it came from), an edit that changed one limiter's
   * rule and nothing else re-runs only that limiter and splices it into the base: the other limiters, which share the
   * traffic but never each other's state, would decide exactly as before (run/parts.ts).
   */
  run(scenario: unknown, base?: { scenario: unknown; trace: TraceData }): Promise<RunResult> {
    const id = this.nextId++;
    const changed = base && !base.trace.truncated ? changedLimiter(base.scenario, scenario) : -1;
    if (base && changed >= 0) {
      const lane = this.runs[id % this.runs.length]!;
      return lane.send({ id, kind: 'run', scenario, limiterRange: [changed, changed + 1] }).then((r) => {
        const result = resultOf([r]);
        return result.ok ? { ...result, trace: spliceLimiter(base.trace, changed, result.trace) } : result;
      });
    }
    const ranges = splitLimiters(limiterCount(scenario), this.lanes);
    if (ranges.length <= 1) return this.runs[0]!.send({ id, kind: 'run', scenario }).then((r) => resultOf([r]));
    for (let i = this.runs.length; i < ranges.length; i++) this.runs.push(new WorkerLane(`ratelab-sim-${i + 1}`));
    return Promise.all(ranges.map((limiterRange, i) => this.runs[i]!.send({ id, kind: 'run', scenario, limiterRange }))).then((rs) => resultOf(rs));
  }

  /**
   * A large run's explanations and state snapshots: null when the run is too big to keep them (or detail could not be
   * computed), undefined when a newer request overtook this one.
   */
  detail(scenario: unknown): Promise<LimiterDetail[] | null | undefined> {
    this.details ??= new WorkerLane('ratelab-sim-detail');
    return this.details.send({ id: this.nextId++, kind: 'detail', scenario }).then((r) => {
      if (r.kind === 'detail') return r.limiters;
      return r.kind === 'skipped' ? undefined : null;
    });
  }

  async builtins(): Promise<ScenarioJson[]> {
    const r = await this.runs[0]!.send({ id: this.nextId++, kind: 'builtins' });
    return r.kind === 'builtins' ? r.scenarios : [];
  }
}

/**
 * One run's result from the answers of its parts, in limiter order. Every part validated the same scenario, so the
 * first part's problems are the run's; the run took as long as its slowest part.
 */
function resultOf(answers: WorkerResponse[]): RunResult {
  const crash = answers.find((r) => r.kind === 'crash');
  if (crash?.kind === 'crash') return { ok: false, issues: [{ path: '', message: `The simulator failed: ${crash.message}` }] };
  const traces: TraceData[] = [];
  let simMs = 0;
  for (const r of answers) {
    if (r.kind !== 'run') return { ok: false, issues: [{ path: '', message: 'Unexpected answer from the simulator.' }] };
    if (!r.ok) return { ok: false, issues: r.issues };
    traces.push(r.trace);
    simMs = Math.max(simMs, r.simMs);
  }
  return { ok: true, trace: joinParts(traces), simMs };
}
