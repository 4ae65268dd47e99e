import { actions } from '../state/app-store';
import type { Arrivals, ClientJson, RetryPolicy } from '../state/types';
import { NumberField, SelectField, TextField } from './NumberField';

const ARRIVAL_KINDS: [string, string][] = [['steady', 'Steady rate'], ['poisson', 'Random (Poisson)'], ['burst', 'Burst'], ['times', 'Exact times']];
const RETRY_POLICIES: [string, string][] = [['none', 'No retry'], ['fixed', 'Fixed delay'], ['exponential', 'Exponential backoff'], ['retry-after', 'Honour Retry-After']];

const ARRIVAL_DEFAULTS: Record<string, Arrivals> = {
  steady: { kind: 'steady', ratePerSecond: 5 },
  poisson: { kind: 'poisson', ratePerSecond: 5 },
  burst: { kind: 'burst', atMs: 0, count: 10, spreadMs: 0 },
  times: { kind: 'times', atMs: [0] },
};

const RETRY_DEFAULTS: Record<string, RetryPolicy> = {
  none: { policy: 'none' },
  fixed: { policy: 'fixed', delayMs: 200, maxAttempts: 3, jitter: 'none' },
  exponential: { policy: 'exponential', baseMs: 100, maxDelayMs: 5000, maxAttempts: 5, jitter: 'none' },
  'retry-after': { policy: 'retry-after', maxAttempts: 3, jitter: 'none' },
};

function update(index: number, fn: (c: ClientJson) => ClientJson) {
  actions.editScenario((s) => ({ ...s, clients: s.clients.map((c, i) => (i === index ? fn(c) : c)) }));
}

/** Sets `key` on an object, or removes it when the box was emptied and the field is optional. */
function put<T extends object>(o: T, key: string, v: unknown, optional = false): T {
  const next = { ...o } as Record<string, unknown>;
  if (optional && (v === '' || (typeof v === 'number' && Number.isNaN(v)))) delete next[key];
  else next[key] = v;
  return next as T;
}

function ArrivalFields({ a, index }: { a: Arrivals; index: number }) {
  const set = (key: string, v: unknown, optional = false) => update(index, (c) => ({ ...c, arrivals: put(c.arrivals, key, v, optional) }));
  const num = (key: string) => (typeof (a as Record<string, unknown>)[key] === 'number' ? ((a as Record<string, unknown>)[key] as number) : undefined);
  switch (a.kind) {
    case 'steady':
    case 'poisson':
      return (
        <div className="grid3">
          <NumberField label="Rate" unit="per second" value={num('ratePerSecond')} onChange={(v) => set('ratePerSecond', v)} />
          <NumberField label="From" unit="ms, optional" value={num('fromMs')} step={1} onChange={(v) => set('fromMs', v, true)} />
          <NumberField label="To" unit="ms, optional" value={num('toMs')} step={1} onChange={(v) => set('toMs', v, true)} />
        </div>
      );
    case 'burst':
      return (
        <div className="grid3">
          <NumberField label="At" unit="ms" value={num('atMs')} step={1} onChange={(v) => set('atMs', v)} />
          <NumberField label="Count" value={num('count')} step={1} onChange={(v) => set('count', v)} />
          <NumberField label="Spread" unit="ms" value={num('spreadMs')} step={1} onChange={(v) => set('spreadMs', v, true)} />
        </div>
      );
    case 'times':
      return (
        <TextField
          label="Arrival times (ms, comma-separated)"
          value={a.atMs.join(', ')}
          onChange={(text) => set('atMs', text.split(',').map((t) => t.trim()).filter(Boolean).map(Number))}
        />
      );
    default:
      return null;
  }
}

function RetryFields({ r, index }: { r: RetryPolicy; index: number }) {
  const set = (key: string, v: unknown) => update(index, (c) => ({ ...c, retry: put(c.retry ?? RETRY_DEFAULTS.none!, key, v, true) }));
  if (r.policy === 'none') return null;
  return (
    <div className="grid3">
      {r.policy === 'fixed' && <NumberField label="Delay" unit="ms" value={r.delayMs} step={1} onChange={(v) => set('delayMs', v)} />}
      {r.policy === 'exponential' && <NumberField label="Base" unit="ms" value={r.baseMs} step={1} onChange={(v) => set('baseMs', v)} />}
      {r.policy === 'exponential' && <NumberField label="Max delay" unit="ms" value={r.maxDelayMs} step={1} onChange={(v) => set('maxDelayMs', v)} />}
      <NumberField label="Max attempts" value={r.maxAttempts} step={1} onChange={(v) => set('maxAttempts', v)} />
      <SelectField label="Jitter" value={r.jitter ?? 'none'} options={[['none', 'None'], ['full', 'Full']]} onChange={(v) => set('jitter', v)} />
    </div>
  );
}

/** One client: its traffic, its key and cost, and what it does when blocked. */
export function ClientEditor({ client, index, count }: { client: ClientJson; index: number; count: number }) {
  const retry = client.retry ?? RETRY_DEFAULTS.none!;
  return (
    <fieldset className="client-edit">
      <legend>Client <b>{client.id}</b></legend>
      <SelectField
        label="Arrivals"
        value={client.arrivals?.kind ?? 'steady'}
        options={ARRIVAL_KINDS}
        onChange={(k) => update(index, (c) => ({ ...c, arrivals: ARRIVAL_DEFAULTS[k]! }))}
      />
      {client.arrivals && <ArrivalFields a={client.arrivals} index={index} />}
      <div className="grid2">
        <TextField label="Key" placeholder={client.id} value={client.key ?? ''} onChange={(v) => update(index, (c) => put(c, 'key', v, true))} />
        <NumberField label="Cost" unit="units" value={client.cost ?? 1} step={1} onChange={(v) => update(index, (c) => put(c, 'cost', v, true))} />
      </div>
      <SelectField label="When blocked" value={retry.policy} options={RETRY_POLICIES} onChange={(p) => update(index, (c) => ({ ...c, retry: RETRY_DEFAULTS[p]! }))} />
      <RetryFields r={retry} index={index} />
      {count > 1 && (
        <button type="button" className="text-btn" onClick={() => actions.editScenario((s) => ({ ...s, clients: s.clients.filter((_, i) => i !== index) }))}>
          Remove client {client.id}
        </button>
      )}
    </fieldset>
  );
}
