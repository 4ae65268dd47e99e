import { useMemo, useState } from 'react';
import type { Trace } from '@ratelab/sim';
import { Choice, NumberInput, RangeInput } from '../shared/Field';
import { CLOCK_LIMIT, runClocks, type ClockAlgorithm, type ClockResult, type ClockSetup } from './clock-run';

const START: ClockSetup = { algorithm: 'fixed-window', skewMs: [0, 500], clock: 'app' };

/** Allowed requests per 250 ms bucket, one bar each, for the run the learner is looking at. */
function AllowedBars({ trace }: { trace: Trace }) {
  const limiter = trace.limiters[0];
  if (!limiter) return null;
  const bucket = 250;
  const n = Math.ceil(trace.durationMs / bucket);
  const counts = new Array<number>(n).fill(0);
  for (const d of limiter.decisions) {
    const i = Math.min(n - 1, Math.floor(d.tMs / bucket));
    if (d.allowed) counts[i] = (counts[i] ?? 0) + 1;
  }
  const max = Math.max(1, ...counts);
  const w = 900;
  const h = 120;
  const bw = (w - 40) / n;
  return (
    <svg className="bars" viewBox={`0 0 ${w} ${h}`} width="100%" role="img" aria-label={`Allowed per ${bucket} ms: ${counts.join(', ')}`}>
      {counts.map((c, i) => (
        <rect key={i} x={30 + i * bw} y={h - 16 - ((h - 30) * c) / max} width={bw - 2} height={((h - 30) * c) / max} className="tick-ok" />
      ))}
      <text x={2} y={12} className="lane-label">{max}</text>
      <text x={30} y={h - 2} className="lane-label">0 ms</text>
      <text x={w - 4} y={h - 2} textAnchor="end" className="lane-label">{trace.durationMs} ms</text>
    </svg>
  );
}

const skewed = (r: ClockResult) => r.extra > 0 || r.extraInWindow > 0;

function Verdict({ id, name, r }: { id: 'app' | 'redis'; name: string; r: ClockResult }) {
  return (
    <tr className={skewed(r) ? 'over' : undefined}>
      <th scope="row">{name}</th>
      <td data-testid={`clock-max-${id}`}>{r.maxInWindow}</td>
      <td data-testid={`clock-allowed-${id}`}>{r.allowed}</td>
      <td>{id === 'redis' ? 'the reference: one clock for every replica' : skewed(r) ? `${r.extra} more in total, ${r.extraInWindow} more in the busiest window` : 'no more than with Redis time'}</td>
    </tr>
  );
}

/** The clock lab: per-replica skew and the app-vs-Redis clock choice, both runs on the simulator. */
export default function ClockLab() {
  const [s, setS] = useState<ClockSetup>(START);
  const runs = useMemo(() => runClocks(s), [s]);
  const setReplicas = (n: number) => setS((old) => ({ ...old, skewMs: Array.from({ length: n }, (_, i) => old.skewMs[i] ?? 0) }));
  const setSkew = (i: number, v: number) => setS((old) => ({ ...old, skewMs: old.skewMs.map((x, j) => (j === i ? v : x)) }));
  return (
    <section className="lab" aria-labelledby="clock-h">
      <h3 id="clock-h">Clock lab</h3>
      <p>
        One key gets 40 requests a second, round-robin over the replicas; the limit is {CLOCK_LIMIT} per second. With the <b>app</b>{' '}
        clock each replica passes its own (skewed) time to the limiter; with <b>redis</b> time the script reads Redis's clock, which
        every replica shares.
      </p>
      <div className="lab-row" role="group" aria-label="Clock setup">
        <Choice<ClockAlgorithm> label="Algorithm" value={s.algorithm} options={[['fixed-window', 'fixed window (10 per 1000 ms)'], ['token-bucket', 'token bucket (10, 10 per second)']]} onChange={(algorithm) => setS((o) => ({ ...o, algorithm }))} />
        <NumberInput label="Replicas" value={s.skewMs.length} min={2} max={4} onChange={setReplicas} />
        <Choice<'app' | 'redis'> label="Clock shown" value={s.clock} options={[['app', 'app clock (each replica its own)'], ['redis', 'Redis time (shared)']]} onChange={(clock) => setS((o) => ({ ...o, clock }))} />
      </div>
      <div className="lab-row" role="group" aria-label="Clock skew per replica">
        {s.skewMs.map((v, i) => (
          <RangeInput key={i} label={`Replica ${i} clock skew`} unit=" ms" value={v} min={-1000} max={1000} step={50} onChange={(x) => setSkew(i, x)} />
        ))}
      </div>
      {!runs.ok ? (
        <ul className="lab-error" role="alert">{runs.issues.map((i) => <li key={i.path + i.message}>{i.path}: {i.message}</li>)}</ul>
      ) : (
        <>
          <table className="lab-table" aria-label="Most admitted in any window, app clock against Redis time">
            <thead><tr><th scope="col">clock</th><th scope="col">most admitted in any {runs.app.windowMs} ms</th><th scope="col">allowed in total</th><th scope="col">against Redis time</th></tr></thead>
            <tbody>
              <Verdict id="app" name="app clock" r={runs.app} />
              <Verdict id="redis" name="Redis time" r={runs.redis} />
            </tbody>
          </table>
          <p role="status" data-testid="clock-verdict" className={skewed(runs[s.clock]) ? 'lab-bad' : 'lab-good'}>
            {s.clock === 'app' ? 'App clock' : 'Redis time'}: at most {runs[s.clock].maxInWindow} admitted in a {runs[s.clock].windowMs} ms span, {runs[s.clock].allowed} in total.
            {s.clock === 'redis'
              ? ' Every replica asks Redis for the time, so skew changes nothing.'
              : skewed(runs.app)
                ? ` That is ${runs.app.extra} more than with Redis time: the replicas disagree about which window it is (or how much has refilled), so the key is counted as if time were split.`
                : ' No more than with Redis time at this skew.'}
          </p>
          <h4>Allowed requests over time ({s.clock === 'app' ? 'app clock' : 'Redis time'})</h4>
          <AllowedBars trace={runs[s.clock].trace} />
        </>
      )}
    </section>
  );
}
