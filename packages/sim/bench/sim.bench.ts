// npm run bench:sim — simulated decisions per second on the `sim` engine, beside a bare loop of the same model.
// 1,000,000 requests from 1,000 clients (1,000 each, steady), one token bucket, default topology, lean detail
// (no explanation strings or state snapshots; the decisions are the same as in a full run — a test checks that).
// A run keeps its decisions in typed-array columns; `trace.limiters[i].decisions` builds the TraceDecision objects on
// first read. So "runScenario lean" is the whole simulation, trace columns and summary, without those objects, and
// "runScenario lean + decision objects" adds reading `decisions` once (every object built), as a caller that walks
// them pays. Each line is the best of RUNS runs; the allowed counts are checked against the bare loop.
import { modelFor, tokenBucket, type Rule } from '@ratelab/algorithms';
import { LimiterRun } from '../src/engine/world.js';
import { SimBackend } from '../src/engine/sim-backend.js';
import { parseScenario, runScenario, type Scenario } from '../src/index.js';
import { ruleOf } from '../src/scenario/types.js';

const CLIENTS = 1000;
const PER_CLIENT = 1000;
const rule = { algorithm: 'token-bucket', capacity: 10, refillPerSecond: 5 } as const;

function scenario(): Scenario {
  const parsed = parseScenario(
    {
      format: 1,
      id: 'bench',
      title: 'benchmark',
      durationMs: 100_000,
      limiters: [{ id: 'tb', ...rule }],
      clients: Array.from({ length: CLIENTS }, (_, i) => ({ id: `c${i}`, arrivals: { kind: 'steady', ratePerSecond: 10 } })),
    },
    { limits: { maxArrivals: CLIENTS * PER_CLIENT, maxClients: CLIENTS } },
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.scenario;
}

/** The reference: the same model, same keys, same times, in a plain loop over a Map (no queue, no trace). */
function bareLoop(): number {
  const model = modelFor(rule as Rule);
  const states = new Map<string, ReturnType<typeof tokenBucket.initial>>();
  const keys = Array.from({ length: CLIENTS }, (_, i) => `c${i}`);
  let allowed = 0;
  for (let i = 0; i < PER_CLIENT; i += 1) {
    const t = i * 100;
    for (const key of keys) {
      let s = states.get(key);
      if (s === undefined) {
        s = model.initial(rule as Rule, t) as ReturnType<typeof tokenBucket.initial>;
        states.set(key, s);
      }
      if (model.decideInPlace(rule as Rule, s, t, 1).allowed) allowed += 1;
    }
  }
  return allowed;
}

const RUNS = 5;

function best(label: string, fn: () => number, runs = RUNS): { perSecond: number; result: number } {
  let bestMs = Infinity;
  let result = 0;
  for (let r = 0; r < runs; r += 1) {
    const t0 = performance.now();
    result = fn();
    bestMs = Math.min(bestMs, performance.now() - t0);
  }
  const perSecond = (CLIENTS * PER_CLIENT) / (bestMs / 1000);
  console.log(`${label.padEnd(40)} ${bestMs.toFixed(0).padStart(6)} ms  ${(perSecond / 1e6).toFixed(2)} M decisions/s`);
  return { perSecond, result };
}

/**
 * A floor for any trace made of objects: allocating and keeping 1,000,000 decision-shaped records, nothing else.
 * It shows what a trace of objects would cost before any simulation (the reason the engine records columns).
 */
function recordsOnly(): number {
  const ids = Array.from({ length: CLIENTS }, (_, i) => `c${i}`);
  const out: { tMs: number; client: string; key: string; replica: number; attempt: number; allowed: boolean; remaining: number; retryAfterMs: number }[] = [];
  for (let i = 0; i < CLIENTS * PER_CLIENT; i += 1) {
    const id = ids[i % CLIENTS] as string;
    out.push({ tMs: i, client: id, key: id, replica: 0, attempt: 1, allowed: (i & 1) === 0, remaining: 0, retryAfterMs: 0 });
  }
  return bare.result;
}

/** The event loop alone (queue, arrivals, network, model, decision columns), without the trace summary. */
function eventLoop(s: Scenario): number {
  const limiter = s.limiters[0] as Scenario['limiters'][number];
  const run = new LimiterRun(s, 0, { detail: false, maxDecisions: 2_000_000, backend: new SimBackend(ruleOf(limiter), false), breakerLog: [] });
  while (run.step());
  let allowed = 0;
  for (let i = 0; i < run.columns.length; i += 1) if (run.columns.allowed(i)) allowed += 1;
  return allowed;
}

const s = scenario();
console.log(`${CLIENTS * PER_CLIENT} requests from ${CLIENTS} clients, token bucket, best of ${RUNS} runs each`);
const bare = best('bare loop (model + Map)', bareLoop);
best('floor: 1M decision objects only', recordsOnly);
const loop = best('sim event loop only', () => eventLoop(s));
let sim!: ReturnType<typeof runScenario>;
const run = best('runScenario lean (trace + summary)', () => {
  sim = runScenario(s, { detail: 'lean' });
  return sim.limiters[0]?.summary.allowed ?? 0;
});
const withObjects = best('runScenario lean + decision objects', () => {
  const decisions = runScenario(s, { detail: 'lean' }).limiters[0]?.decisions ?? [];
  let allowed = 0;
  for (const d of decisions) if (d.allowed) allowed += 1;
  return allowed;
});
if (sim.limiters[0]?.summary.requests !== CLIENTS * PER_CLIENT || sim.limiters[0]?.decisions.length !== CLIENTS * PER_CLIENT)
  throw new Error('the simulator did not decide every request');
if (run.result !== bare.result || loop.result !== bare.result || withObjects.result !== bare.result)
  throw new Error(`allowed counts differ: runScenario ${run.result}, with objects ${withObjects.result}, event loop ${loop.result}, bare ${bare.result}`);
console.log(`ratio bare / event loop: ${(bare.perSecond / loop.perSecond).toFixed(2)}x`);
console.log(`ratio bare / runScenario: ${(bare.perSecond / run.perSecond).toFixed(2)}x  (target: >= 4 M decisions/s and within 10x of the bare loop)`);
console.log(`ratio bare / runScenario + objects: ${(bare.perSecond / withObjects.perSecond).toFixed(2)}x`);
