import { useState } from 'react';
import { api } from '../shared/api';
import { NumberInput } from '../shared/Field';
import type { Exploration } from './explore';
import type { RaceWorld } from './race-model';

interface RaceResponse {
  trials: { trial: number; admitted: number; blocked: number; errors: number }[];
  expected: number;
  overAdmittingTrials: number;
  store: string;
  stoppedEarly?: string;
}

/** POST /v1/race on the server's store, shown beside the explorer's prediction for the same setup. */
export function RealRace({ world, prediction }: { world: RaceWorld; prediction: Exploration | undefined }) {
  const [trials, setTrials] = useState(10);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ setupKey: string; body: RaceResponse } | null>(null);
  const [error, setError] = useState('');
  const { setup } = world;
  const requests = setup.replicas * setup.requestsPerReplica;
  const setupKey = JSON.stringify(setup);
  const run = async () => {
    setBusy(true);
    setError('');
    const res = await api<RaceResponse>('/v1/race', {
      body: { algorithm: world.rule.algorithm, params: { capacity: setup.capacity, refillPerSecond: 1 }, replicas: setup.replicas, requests, trials },
    });
    setBusy(false);
    if (res.ok) setResult({ setupKey, body: res.body });
    else setError(res.message);
  };
  const body = result?.setupKey === setupKey ? result.body : null;
  const counts = new Map<number, number>();
  for (const t of body?.trials ?? []) counts.set(t.admitted, (counts.get(t.admitted) ?? 0) + 1);
  const predicted = prediction?.distribution ?? {};
  const keys = [...new Set([...counts.keys(), ...Object.keys(predicted).map(Number)])].sort((a, b) => a - b);
  const total = body?.trials.length ?? 0;
  const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(0)}%` : '—');
  return (
    <section className="lab-card" aria-labelledby="real-race-h">
      <h4 id="real-race-h">Run it for real</h4>
      <p>
        Fires {requests} checks at once on one fresh key through {setup.replicas} separate connections to the server's store
        ({world.rule.algorithm}), {trials} time(s). Sequential decisions would admit {world.expected}.
      </p>
      <div className="lab-row">
        <NumberInput label="Trials" value={trials} min={1} max={10} onChange={setTrials} />
        <button type="button" onClick={() => void run()} disabled={busy}>{busy ? 'Running on the server…' : 'Run it for real (POST /v1/race)'}</button>
      </div>
      {error && <p className="lab-error" role="alert">{error}</p>}
      {(body || prediction) && (
        <table className="lab-table" aria-label="Admitted counts: real trials against the simulated prediction">
          <thead>
            <tr><th scope="col">admitted</th><th scope="col">real trials{body ? ` (store: ${body.store})` : ''}</th><th scope="col">simulated: share of all orders</th></tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k} className={k > world.expected ? 'over' : undefined}>
                <th scope="row">{k}{k > world.expected ? ' (over-admits)' : ''}</th>
                <td><span className="bar" style={{ width: `${total ? (100 * (counts.get(k) ?? 0)) / total : 0}%` }} />{body ? `${counts.get(k) ?? 0} of ${total} (${pct(counts.get(k) ?? 0, total)})` : 'not run yet'}</td>
                <td>{prediction ? `${predicted[k] ?? 0} of ${prediction.orders} (${pct(predicted[k] ?? 0, prediction.orders)})` : 'explore to predict'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body && (
        <p role="status" data-testid="real-race-summary">
          Real store: {body.overAdmittingTrials} of {body.trials.length} trial(s) admitted more than {body.expected}.
          {body.stoppedEarly ? ` ${body.stoppedEarly}.` : ''}
        </p>
      )}
      <p className="lab-note">
        The real count depends on how the server's connections happen to interleave, so it is a sample, not a prediction; the
        simulated column weighs every order equally.
      </p>
    </section>
  );
}
