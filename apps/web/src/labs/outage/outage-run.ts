import { parseScenario, runScenario, type Trace, type TraceDecision } from '@ratelab/sim';
import { outageScenario, type OutageSetup } from './outage-scenario';

export { OUTAGE_DURATION_MS, type OutageSetup } from './outage-scenario';

export interface OutageCost {
  /** Allowed with the fault but blocked in the same run without it. */
  wronglyAdmitted: number;
  /** Blocked with the fault but allowed without it. */
  wronglyRefused: number;
  /** Decisions made by onRedisDown (Redis failed or the breaker was open). */
  fallbacks: number;
  beyondIdealFault: number;
  beyondIdealBaseline: number;
  allowedFault: number;
  allowedBaseline: number;
}

/** A request is the same request in both runs when client, arrival time and attempt match (no retries here). */
function requestKey(d: TraceDecision): string {
  return `${d.client}|${d.arrivalMs ?? d.tMs}|${d.attempt}`;
}

export function outageCost(fault: Trace, baseline: Trace): OutageCost {
  const a = fault.limiters[0];
  const b = baseline.limiters[0];
  if (!a || !b) throw new Error('both runs need the lab limiter');
  const before = new Map(b.decisions.map((d) => [requestKey(d), d.allowed]));
  let wronglyAdmitted = 0;
  let wronglyRefused = 0;
  for (const d of a.decisions) {
    const was = before.get(requestKey(d));
    if (was === undefined) continue;
    if (d.allowed && !was) wronglyAdmitted += 1;
    if (!d.allowed && was) wronglyRefused += 1;
  }
  const s = a.summary;
  return {
    wronglyAdmitted,
    wronglyRefused,
    fallbacks: s.fallbacks.allow + s.fallbacks.deny + s.fallbacks.local,
    beyondIdealFault: s.admittedBeyondIdeal,
    beyondIdealBaseline: b.summary.admittedBeyondIdeal,
    allowedFault: s.allowed,
    allowedBaseline: b.summary.allowed,
  };
}

export type OutageRun = { ok: true; fault: Trace; baseline: Trace; cost: OutageCost } | { ok: false; issues: { path: string; message: string }[] };

/** Runs the scenario with and without the fault on the simulator (synchronous, small). */
export function runOutage(s: OutageSetup): OutageRun {
  const withFault = parseScenario(outageScenario(s, true));
  if (!withFault.ok) return { ok: false, issues: withFault.issues };
  const without = parseScenario(outageScenario(s, false));
  if (!without.ok) return { ok: false, issues: without.issues };
  const fault = runScenario(withFault.scenario, { engine: 'sim' });
  const baseline = runScenario(without.scenario, { engine: 'sim' });
  return { ok: true, fault, baseline, cost: outageCost(fault, baseline) };
}
