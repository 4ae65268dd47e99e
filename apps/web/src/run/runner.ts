import type { Issue, ScenarioJson } from '../state/types';
import type { LimiterDetail, TraceData } from './columns';
import type { WorkerRequest, WorkerResponse } from './protocol';

export type RunResult = { ok: true; trace: TraceData; simMs: number; id: number } | { ok: false; issues: Issue[] };

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

/**
 * Talks to the simulator. Runs go to one worker; a large run's explanations and state snapshots are computed by a
 * second worker, started the first time one is needed, so that slow second phase never delays the next edit's run.
 * The store decides which answer is still current.
 */
export class SimRunner {
  private nextId = 1;
  private readonly runs = new WorkerLane('ratelab-sim');
  private details: WorkerLane | null = null;

  run(scenario: unknown): Promise<RunResult> {
    const id = this.nextId++;
    return this.runs.send({ id, kind: 'run', scenario }).then((r): RunResult => {
      if (r.kind === 'run') return r.ok ? { ok: true, trace: r.trace, simMs: r.simMs, id } : { ok: false, issues: r.issues };
      if (r.kind === 'crash') return { ok: false, issues: [{ path: '', message: `The simulator failed: ${r.message}` }] };
      return { ok: false, issues: [{ path: '', message: 'Unexpected answer from the simulator.' }] };
    });
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
    const r = await this.runs.send({ id: this.nextId++, kind: 'builtins' });
    return r.kind === 'builtins' ? r.scenarios : [];
  }
}
