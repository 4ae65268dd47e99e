import { useEffect, useMemo, useState } from 'react';
import { BUILTIN_SCENARIOS, compareTraces, parseScenario, runScenario, type Scenario, type Trace } from '@ratelab/sim';
import { appStore } from '../../state/app-store';
import { api } from '../shared/api';
import { Choice, RangeInput } from '../shared/Field';
import { laneDifferences, type Lane } from './diff';
import { Lanes } from './Lanes';
import { limitVariant } from './variant';

/** The Lua lane runs about 2 ms per script call in the page; bigger runs are refused with this bound. */
export const LUA_MAX_DECISIONS = 1500;

type EngineLane = 'sim' | 'lua' | 'redis';
type Varied = 'none' | EngineLane;
type LaneState = { status: 'idle' } | { status: 'running' } | { status: 'done'; trace: Trace } | { status: 'error'; message: string };

const PLAYGROUND = '__playground__';

function pickScenario(id: string): { ok: true; scenario: Scenario } | { ok: false; message: string } {
  if (id === PLAYGROUND) {
    const current = appStore.getState().scenario;
    if (!current) return { ok: false, message: 'The playground has no scenario loaded yet: open the playground first, or pick a built-in.' };
    const parsed = parseScenario(current);
    return parsed.ok ? parsed : { ok: false, message: `The playground's scenario is not valid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` };
  }
  const found = BUILTIN_SCENARIOS.find((s) => s.id === id);
  return found ? { ok: true, scenario: found } : { ok: false, message: `no built-in scenario "${id}"` };
}

/** Compare lanes: one scenario on the simulator, the Lua scripts in the page and the server's Redis. */
export default function CompareLab() {
  const [scenarioId, setScenarioId] = useState(BUILTIN_SCENARIOS[0]?.id ?? PLAYGROUND);
  const [varied, setVaried] = useState<Varied>('none');
  const [limiterIndex, setLimiterIndex] = useState(0);
  const [index, setIndex] = useState(0);
  const [lua, setLua] = useState<LaneState>({ status: 'idle' });
  const [real, setReal] = useState<LaneState>({ status: 'idle' });
  const picked = useMemo(() => pickScenario(scenarioId), [scenarioId]);
  const variant = useMemo(() => {
    if (!picked.ok || varied === 'none') return null;
    const v = limitVariant(picked.scenario);
    const parsed = parseScenario(v.scenario);
    return parsed.ok ? { scenario: parsed.scenario, label: v.label } : { error: parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ') };
  }, [picked, varied]);
  const scenarios = useMemo(() => {
    const base = picked.ok ? picked.scenario : null;
    const varied_ = variant && 'scenario' in variant ? variant.scenario : null;
    const pick = (lane: EngineLane): Scenario | null => (varied === lane && varied_ ? varied_ : base);
    return { sim: pick('sim'), lua: pick('lua'), redis: pick('redis') };
  }, [picked, variant, varied]);
  const scenarioFor = (lane: EngineLane): Scenario | null => scenarios[lane];
  const simTrace = useMemo(() => (scenarios.sim ? runScenario(scenarios.sim, { engine: 'sim' }) : null), [scenarios]);

  // A new scenario or variant invalidates the recorded lanes; the learner records them again on purpose.
  useEffect(() => {
    setLua({ status: 'idle' });
    setReal({ status: 'idle' });
    setIndex(0);
    setLimiterIndex(0);
  }, [scenarioId, varied]);

  const decisionsIn = (t: Trace | null) => t?.limiters.reduce((n, l) => n + l.decisions.length, 0) ?? 0;
  const runLuaLane = async () => {
    const s = scenarioFor('lua');
    if (!s) return;
    if (decisionsIn(simTrace) > LUA_MAX_DECISIONS) {
      setLua({ status: 'error', message: `This run makes ${decisionsIn(simTrace)} decisions; the in-page Lua lane is limited to ${LUA_MAX_DECISIONS} (about 2 ms per script call). Pick a smaller scenario.` });
      return;
    }
    setLua({ status: 'running' });
    try {
      const { runLua } = await import('./lua-engine');
      setLua({ status: 'done', trace: await runLua(s) });
    } catch (error) {
      setLua({ status: 'error', message: `The Lua lane could not run in this browser: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  const recordReal = async () => {
    const s = scenarioFor('redis');
    if (!s) return;
    setReal({ status: 'running' });
    const res = await api<Trace>('/v1/replay', { body: s });
    if (res.ok) setReal({ status: 'done', trace: res.body });
    else if (res.unreachable || res.status === 404)
      setReal({ status: 'error', message: `No server lane: ${res.status === 404 ? 'this server has no POST /v1/replay route' : res.message}. The simulator and Lua lanes still work.` });
    else setReal({ status: 'error', message: res.message });
  };

  const lanes: Lane[] = [];
  if (simTrace) lanes.push({ id: 'sim', label: varied === 'sim' ? 'sim (variant)' : 'sim', trace: simTrace });
  if (lua.status === 'done') lanes.push({ id: 'lua', label: varied === 'lua' ? 'lua (variant)' : 'lua', trace: lua.trace });
  // The server names its engine: 'redis' on a real Redis, 'lua' when it runs on its embedded ioredis-mock.
  if (real.status === 'done') lanes.push({ id: 'redis', label: `server ${real.trace.engine === 'redis' ? 'Redis' : 'embedded mock'}${varied === 'redis' ? ' (variant)' : ''}`, trace: real.trace });
  const diffs = laneDifferences(lanes, limiterIndex);
  const limiters = simTrace?.limiters ?? [];
  const count = Math.max(0, ...lanes.map((l) => l.trace.limiters[limiterIndex]?.decisions.length ?? 0));
  const firstDiffs = lanes.slice(1).map((l) => ({ label: l.label, c: compareTraces((lanes[0] as Lane).trace, l.trace) }));
  const at = Math.min(index, Math.max(0, count - 1));

  return (
    <section className="lab" aria-labelledby="compare-h">
      <h3 id="compare-h">Compare lanes: simulator, Lua scripts, real Redis</h3>
      <p>
        The same scenario on up to three engines, aligned decision by decision. Every decision where a lane differs from the
        first lane is highlighted and explained. The real-Redis lane is recorded once on the server and then scrubbed here.
      </p>
      <div className="lab-row" role="group" aria-label="Compare setup">
        <Choice
          label="Scenario"
          value={scenarioId}
          options={[...BUILTIN_SCENARIOS.map((s) => [s.id ?? '', s.title] as const), [PLAYGROUND, "the playground's current scenario"] as const]}
          onChange={setScenarioId}
        />
        <Choice<Varied>
          label="Deliberate difference"
          value={varied}
          options={[['none', 'none: every lane runs the same scenario'], ['sim', 'sim lane runs a variant (limit − 1)'], ['lua', 'Lua lane runs a variant (limit − 1)'], ['redis', 'Redis lane runs a variant (limit − 1)']]}
          onChange={setVaried}
        />
        {limiters.length > 1 && (
          <Choice label="Limiter" value={String(limiterIndex)} options={limiters.map((l, i) => [String(i), l.id] as const)} onChange={(v) => setLimiterIndex(Number(v))} />
        )}
      </div>
      {!picked.ok && <p className="lab-error" role="alert">{picked.message}</p>}
      {variant && 'error' in variant && <p className="lab-error" role="alert">The variant is not a valid scenario: {variant.error}</p>}
      {variant && 'label' in variant && <p className="lab-note">Variant: {variant.label}, on the {varied} lane only.</p>}
      <div className="lab-row" role="group" aria-label="Engines">
        <span className="lane-pill">sim: {simTrace ? `${decisionsIn(simTrace)} decisions` : '—'}</span>
        <button type="button" onClick={() => void runLuaLane()} disabled={lua.status === 'running' || !picked.ok}>
          {lua.status === 'running' ? 'Running the Lua scripts…' : lua.status === 'done' ? 'Run the Lua lane again' : 'Run the Lua lane (ioredis-mock in this page)'}
        </button>
        <button type="button" onClick={() => void recordReal()} disabled={real.status === 'running' || !picked.ok}>
          {real.status === 'running' ? 'Recording on the server…' : real.status === 'done' ? 'Record the real lane again' : "Record the real lane (server's Redis, POST /v1/replay)"}
        </button>
      </div>
      {lua.status === 'error' && <p className="lab-error" role="alert" data-testid="lua-lane-error">{lua.message}</p>}
      {real.status === 'error' && <p className="lab-error" role="alert" data-testid="real-lane-error">{real.message}</p>}

      <p role="status" data-testid="compare-summary" className={diffs.length ? 'lab-bad' : 'lab-good'}>
        {lanes.length < 2
          ? 'Only the simulator lane so far: run another lane to compare.'
          : diffs.length === 0
            ? `All ${lanes.length} lanes agree on every one of ${count} decisions (${lanes.map((l) => l.label).join(', ')}).`
            : `${diffs.length} decision(s) differ. ${firstDiffs.filter((f) => !f.c.same).map((f) => (f.c.same ? '' : f.c.first.explanation)).join(' ')}`}
      </p>

      {lanes.length > 0 && count > 0 && (
        <>
          <Lanes lanes={lanes} limiterIndex={limiterIndex} diffs={diffs} at={at} />
          <RangeInput label="Decision" value={at} min={0} max={Math.max(0, count - 1)} onChange={setIndex} />
          <div className="lab-row">
            <button type="button" onClick={() => setIndex(Math.max(0, at - 1))}>◀ Previous decision</button>
            <button type="button" onClick={() => setIndex(Math.min(count - 1, at + 1))}>Next decision ▶</button>
            <button type="button" disabled={!diffs.some((d) => d.index > at)} onClick={() => setIndex(diffs.find((d) => d.index > at)?.index ?? at)}>Next difference</button>
          </div>
          <DecisionTable lanes={lanes} limiterIndex={limiterIndex} at={at} diff={diffs.find((d) => d.index === at)} />
          {diffs.length > 0 && (
            <details open>
              <summary>Every difference ({diffs.length})</summary>
              <ol tabIndex={0} className="lab-log" data-testid="diff-list">
                {diffs.slice(0, 200).map((d) => (
                  <li key={d.index}>
                    <button type="button" className="linkish" onClick={() => setIndex(d.index)}>Go to #{d.index}</button> {d.explanation}
                  </li>
                ))}
              </ol>
              {diffs.length > 200 && <p className="lab-note">The first 200 are listed; the lanes above mark all {diffs.length}.</p>}
            </details>
          )}
        </>
      )}
    </section>
  );
}

function DecisionTable({ lanes, limiterIndex, at, diff }: { lanes: Lane[]; limiterIndex: number; at: number; diff: ReturnType<typeof laneDifferences>[number] | undefined }) {
  return (
    <table className="lab-table" aria-label={`Decision #${at} on every lane`} data-testid="decision-table">
      <thead>
        <tr><th scope="col">lane</th><th scope="col">time</th><th scope="col">client</th><th scope="col">decision</th><th scope="col">remaining</th><th scope="col">retry after</th><th scope="col">why</th></tr>
      </thead>
      <tbody>
        {lanes.map((l) => {
          const d = l.trace.limiters[limiterIndex]?.decisions[at];
          const bad = diff?.fields[l.id];
          return (
            <tr key={l.id} className={bad ? 'over' : undefined}>
              <th scope="row">{l.label}</th>
              <td>{d ? `${d.tMs} ms` : '—'}</td>
              <td>{d?.client ?? '—'}</td>
              <td>{d ? (d.allowed ? 'allowed' : 'blocked') : 'none'}</td>
              <td>{d?.remaining ?? '—'}</td>
              <td>{d ? `${d.retryAfterMs} ms` : '—'}</td>
              <td>{bad ? `differs in ${bad.join(', ')}. ` : ''}{d?.explanation ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
