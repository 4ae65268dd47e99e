import { ImportExport } from '../share/ImportExport';
import { actions } from '../state/app-store';
import { useApp } from '../state/use-app';
import type { ScenarioJson } from '../state/types';
import { ClientEditor } from './ClientEditor';
import { LimiterEditor } from './LimiterEditor';
import { NumberField } from './NumberField';
import { freshId } from './params';

/** Bound on clients added from the editor; imported files follow the simulator's own limit. */
const MAX_EDITOR_CLIENTS = 12;

/** Parts of a scenario the playground runs but does not edit (the labs will): named so nothing is hidden. */
function extras(s: ScenarioJson): string[] {
  const t = s.topology as { replicas?: number; latencyMs?: { max?: number }; clockSkewMs?: number[] } | undefined;
  const out: string[] = [];
  if (t && ((t.replicas ?? 1) > 1 || (t.latencyMs?.max ?? 0) > 0 || (t.clockSkewMs ?? []).some((x) => x !== 0))) out.push('replicas, latency or clock skew');
  if ((s.faults?.length ?? 0) > 0) out.push('Redis faults');
  if ((s.resilience as { breaker?: unknown } | undefined)?.breaker) out.push('a circuit breaker');
  return out;
}

/** Every control re-runs the simulation at once; topology and faults are kept as loaded (the labs will edit them). */
export function ScenarioEditor() {
  const scenario = useApp((s) => s.scenario);
  if (!scenario) return null;
  const limiters = Array.isArray(scenario.limiters) ? scenario.limiters : [];
  const clients = Array.isArray(scenario.clients) ? scenario.clients : [];
  return (
    <>
      <section className="panel editor" aria-labelledby="editor-title">
        <h2 id="editor-title">Parameters and traffic</h2>
        <div className="grid2">
          <NumberField label="Duration" unit="ms" value={scenario.durationMs} step={1} onChange={(v) => actions.editScenario((s) => ({ ...s, durationMs: v }))} />
          <NumberField label="Seed" value={scenario.seed ?? 1} step={1} onChange={(v) => actions.editScenario((s) => ({ ...s, seed: v }))} />
        </div>
        <LimiterEditor limiters={limiters} />
        <div className="editor-group">
          <h3>Traffic</h3>
          {clients.map((c, i) => <ClientEditor key={`${i}-${c.id}`} client={c} index={i} count={clients.length} />)}
          {clients.length < MAX_EDITOR_CLIENTS && (
            <button
              type="button"
              onClick={() => actions.editScenario((s) => ({ ...s, clients: [...s.clients, { id: freshId(s.clients.map((c) => c.id), 'client'), arrivals: { kind: 'steady', ratePerSecond: 5 } }] }))}
            >
              Add a client
            </button>
          )}
        </div>
        {extras(scenario).length > 0 && (
          <p className="muted">This scenario also sets {extras(scenario).join(', ')}; they run as loaded (edit them in the JSON file).</p>
        )}
      </section>
      <ImportExport />
    </>
  );
}
