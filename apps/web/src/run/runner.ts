import type { Issue, ScenarioJson, TraceView } from '../state/types';
import type { WorkerRequest, WorkerResponse } from './protocol';

export type RunResult = { ok: true; trace: TraceView; simMs: number } | { ok: false; issues: Issue[] };

/**
 * Talks to the simulator worker. Requests are answered in order; callers get a promise per request and the
 * store decides which answer is still current. If workers are unavailable the simulator is loaded into the page.
 */
export class SimRunner {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, (r: WorkerResponse) => void>();

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
    return this.send({ id: this.nextId++, kind: 'run', scenario }).then((r) => {
      if (r.kind === 'run') return r.ok ? { ok: true, trace: r.trace, simMs: r.simMs } : { ok: false, issues: r.issues };
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
        void import('./simulate').then(({ answer }) => this.settle(answer(req, () => performance.now())));
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
