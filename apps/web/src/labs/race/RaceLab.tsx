import { useMemo, useState } from 'react';
import { Choice, NumberInput } from '../shared/Field';
import { countInterleavings, explore, type ExploreResult } from './explore';
import { createWorld, isDone, nextCommand, replay, type RaceMode, type RaceSetup } from './race-model';
import { RealRace } from './RealRace';
import { REPLICA_NAMES, SequenceDiagram } from './SequenceDiagram';

const START: RaceSetup = { mode: 'naive', replicas: 2, requestsPerReplica: 1, capacity: 1 };

/** The race lab: choose which replica's next command reaches Redis, or let the explorer try every order. */
export default function RaceLab() {
  const [setup, setSetup] = useState<RaceSetup>(START);
  const [order, setOrder] = useState<number[]>([]);
  const [cursor, setCursor] = useState(0);
  const [explored, setExplored] = useState<{ key: string; result: ExploreResult } | null>(null);
  const world = useMemo(() => createWorld(setup), [setup]);
  const full = useMemo(() => replay(world, order), [world, order]);
  const shown = useMemo(() => replay(world, order.slice(0, cursor)), [world, order, cursor]);
  const setupKey = JSON.stringify(setup);
  const exploration = explored?.key === setupKey ? explored.result : null;

  const change = (patch: Partial<RaceSetup>) => {
    setSetup((s) => ({ ...s, ...patch }));
    setOrder([]);
    setCursor(0);
  };
  const send = (replica: number) => {
    const next = [...order.slice(0, cursor), replica];
    setOrder(next);
    setCursor(next.length);
  };
  const runExplorer = () => {
    const result = explore(world);
    setExplored({ key: setupKey, result });
    if (result.ok && result.result.shortest) {
      setOrder(result.result.shortest.order);
      setCursor(result.result.shortest.order.length);
    }
  };
  const done = isDone(world, shown);
  const over = shown.admitted > world.expected;
  const orders = countInterleavings(setup.replicas, world.program.length);

  return (
    <section className="lab" aria-labelledby="race-h">
      <h3 id="race-h">Race lab: one key, {setup.replicas} replicas, one Redis</h3>
      <p>
        Every replica checks the same key at the same virtual instant. The <b>naive bucket</b> reads the token count and the
        timestamp with two GETs, decides in the application, then writes both back with two SETs; the <b>atomic script</b> does
        all of it inside Redis in one EVALSHA. You choose which replica's next command reaches Redis.
      </p>
      <div className="lab-row" role="group" aria-label="Race setup">
        <Choice<RaceMode> label="Limiter" value={setup.mode} options={[['naive', 'naive bucket (GET, GET, SET, SET)'], ['atomic', 'atomic Lua script (EVALSHA)']]} onChange={(mode) => change({ mode })} />
        <NumberInput label="Replicas" value={setup.replicas} min={2} max={4} onChange={(replicas) => change({ replicas })} />
        <NumberInput label="Requests per replica" value={setup.requestsPerReplica} min={1} max={2} onChange={(requestsPerReplica) => change({ requestsPerReplica })} />
        <NumberInput label="Capacity" value={setup.capacity} min={1} max={5} onChange={(capacity) => change({ capacity })} />
      </div>

      <div className="lab-row" role="group" aria-label="Choose the next command">
        {Array.from({ length: setup.replicas }, (_, r) => {
          const next = nextCommand(world, shown, r);
          return (
            <button key={r} type="button" onClick={() => send(r)} disabled={!next}>
              {next ? `Replica ${REPLICA_NAMES[r]}: send ${next}` : `Replica ${REPLICA_NAMES[r]}: done`}
            </button>
          );
        })}
      </div>
      <div className="lab-row" role="group" aria-label="Step through the chosen order">
        <button type="button" onClick={() => setCursor(0)} disabled={cursor === 0}>Start</button>
        <button type="button" onClick={() => setCursor((c) => Math.max(0, c - 1))} disabled={cursor === 0}>◀ Step back</button>
        <button type="button" onClick={() => setCursor((c) => Math.min(order.length, c + 1))} disabled={cursor >= order.length}>Step forward ▶</button>
        <button type="button" onClick={() => setCursor(order.length)} disabled={cursor >= order.length}>End</button>
        <button type="button" onClick={() => { setOrder([]); setCursor(0); }} disabled={order.length === 0}>Clear the order</button>
        <span className="lab-muted">step {cursor} of {order.length} chosen ({full.tick} sent)</span>
      </div>

      <SequenceDiagram replicas={setup.replicas} log={shown.log} overAt={shown.overAt} upTo={cursor} />

      <p role="status" aria-live="polite" data-testid="race-outcome" className={over ? 'lab-bad' : 'lab-good'}>
        Admitted {shown.admitted}, blocked {shown.refused}
        {done ? ` of ${setup.replicas * setup.requestsPerReplica} requests` : ' so far'}; one after another the same rule admits {world.expected}.
        {over ? ` Double-spend: ${shown.admitted - world.expected} request(s) admitted beyond the limit — replicas read the same tokens before either wrote.` : ''}
        {done && !over ? ' No over-admission in this order.' : ''}
      </p>
      <ol tabIndex={0} className="lab-log" aria-label="Commands in order">
        {shown.log.map((e) => (
          <li key={e.tick} className={shown.overAt === e.tick ? 'over' : undefined}>
            t{e.tick}: replica {REPLICA_NAMES[e.replica]} {e.name} → {e.reply}
            {e.decision ? ` — ${e.decision.explanation}` : ''}
          </li>
        ))}
      </ol>

      <section className="lab-card" aria-labelledby="explore-h">
        <h4 id="explore-h">Explore all interleavings</h4>
        <p>
          {orders.toLocaleString('en-US')} distinct orders of these commands (each replica keeps its own order). The explorer runs
          every one through the same decision code and counts those that admit more than {world.expected}; the shortest is the one
          whose double-spend shows earliest (ties: fewest switches between replicas).
        </p>
        <button type="button" onClick={runExplorer}>Explore all interleavings</button>
        {exploration && !exploration.ok && <p className="lab-error" role="alert">{exploration.message}</p>}
        {exploration?.ok && (
          <p role="status" data-testid="explore-result">
            {exploration.result.overAdmitting} of {exploration.result.orders} orders over-admit
            {exploration.result.shortest
              ? `; showing the shortest: the double-spend is visible at tick ${exploration.result.shortest.visibleAtTick}.`
              : '; every order admits exactly what sequential decisions do.'}
          </p>
        )}
      </section>
      <RealRace world={world} prediction={exploration?.ok ? exploration.result : undefined} />
    </section>
  );
}
