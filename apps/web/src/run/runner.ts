import type { Issue, ScenarioJson } from '../state/types';
import type { LimiterDetail, TraceData } from './columns';
import type { WorkerRequest, WorkerResponse } from './protocol';

export type RunResult = { ok: true; trace: TraceData; simMs: number; id: number } | { ok: false; issues: Issue[] };

/**
 * Talks to the simulator worker. Requests are answered in order; callers get a promise per request and the store
 * decides which answer is still current. A large run's detail arrives later through `onDetail`. If workers are
 * unavailable the simulator is loaded into the page instead.
 */
export class SimRunner {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, (r: WorkerResponse) => void>();
  /** Called with a run's explanations and state snapshots (null: the run is too large to keep them). */
  onDetail: (id: number, limiters: LimiterDetail[] | null) => void = () => {};

  constructor() {
    try {
      this.worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'ratelab-sim' });
      this.worker.onmessage = (e: MessageEvent<WorkerResponse>) => this.settle(e.data);
      this.worker.onerror = () => this.failAll('The simulator worker stopped unexpectedly.');
    } catch {
      this.worker = null;
    }
  }

  run(scenario: unknown): Promise<RunResult> {
    const id = this.nextId++;
    return this.send({ id, kind: 'run', scenario }).then((r): RunResult => {
      if (r.kind === 'run') return r.ok ? { ok: true, trace: r.trace, simMs: r.simMs, id } : { ok: false, issues: r.issues };
      if (r.kind === 'crash') return { ok: false, issues: [{ path: '', message: `The simulator failed: ${r.message}` }] };
      return { ok: false, issues: [{ path: '', message: 'Unexpected answer from the simulator.' }] };
    });
  }

  async builtins(): Promise<ScenarioJson[]> {
    const r = await this.send({ id: this.nextId++, kind: 'builtins' });
    return r.kind === 'builtins' ? r.scenarios : [];
  }

  private send(req: WorkerRequest): Promise<WorkerResponse> {
    return new Promise((resolve) => {
      this.pending.set(req.id, resolve);
      if (this.worker) this.worker.postMessage(req);
      else
        void import('./simulate').then(({ answer }) => {
          const a = answer(req, () => performance.now());
          this.settle(a.response);
          if (a.later) setTimeout(() => this.settle(a.later!().response), 0);
        });
    });
  }

  private settle(r: WorkerResponse) {
    if (r.kind === 'detail') return this.onDetail(r.id, r.limiters);
    const done = this.pending.get(r.id);
    this.pending.delete(r.id);
    done?.(r);
  }

  private failAll(message: string) {
    for (const [id, done] of this.pending) done({ id, kind: 'crash', message });
    this.pending.clear();
  }
}
