// npm run bench:sim — simulated decisions per second on the `sim` engine, beside a bare loop of the same model.
// 1,000,000 requests from 1,000 clients (1,000 each, steady), one token bucket, default topology, lean detail
// (no explanation strings or state snapshots; the decisions are the same as in a full run — a test checks that).
import { modelFor, tokenBucket, type Rule } from '@ratelab/algorithms';
import { parseScenario, runScenario, type Scenario } from '../src/index.js';

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

function best(label: string, fn: () => number, runs = 3): { perSecond: number; result: number } {
  let bestMs = Infinity;
  let result = 0;
  for (let r = 0; r < runs; r += 1) {
    const t0 = performance.now();
    result = fn();
    bestMs = Math.min(bestMs, performance.now() - t0);
  }
  const perSecond = (CLIENTS * PER_CLIENT) / (bestMs / 1000);
  console.log(`${label.padEnd(34)} ${bestMs.toFixed(0).padStart(6)} ms  ${(perSecond / 1e6).toFixed(2)} M decisions/s`);
  return { perSecond, result };
}

const s = scenario();
const bare = best('bare loop (model + Map)', bareLoop);
let sim!: ReturnType<typeof runScenario>;
const run = best('sim engine, lean (incl. summary)', () => {
  sim = runScenario(s, { detail: 'lean' });
  return sim.limiters[0]?.summary.allowed ?? 0;
});
if (sim.limiters[0]?.decisions.length !== CLIENTS * PER_CLIENT) throw new Error('the simulator did not decide every request');
if (run.result !== bare.result) throw new Error(`allowed counts differ: sim ${run.result}, bare ${bare.result}`);
console.log(`ratio bare / sim: ${(bare.perSecond / run.perSecond).toFixed(2)}x  (target: sim >= 4 M/s and within 10x of the bare loop)`);
