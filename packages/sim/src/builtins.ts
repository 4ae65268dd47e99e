import boundarySpike from '../scenarios/boundary-spike.json';
import clockSkew from '../scenarios/clock-skew.json';
import failModes from '../scenarios/fail-modes.json';
import gcraEqualsTokenBucket from '../scenarios/gcra-equals-token-bucket.json';
import jitteredBackoff from '../scenarios/jittered-backoff.json';
import noisyNeighbour from '../scenarios/noisy-neighbour.json';
import redisOutageBreaker from '../scenarios/redis-outage-breaker.json';
import replicasRace from '../scenarios/replicas-race.json';
import retryStorm from '../scenarios/retry-storm.json';
import slidingCounterError from '../scenarios/sliding-counter-error.json';
import { parseScenario } from './scenario/parse.js';
import type { Scenario } from './scenario/types.js';

/** The JSON files in packages/sim/scenarios, imported (not read from disk) so they work in the browser too. */
const FILES: unknown[] = [
  boundarySpike,
  retryStorm,
  jitteredBackoff,
  replicasRace,
  redisOutageBreaker,
  failModes,
  clockSkew,
  gcraEqualsTokenBucket,
  slidingCounterError,
  noisyNeighbour,
];

/** A built-in scenario: id, title, lesson and notice are always present. */
export type BuiltinScenario = Scenario & { id: string; lesson: string; notice: string };

function load(file: unknown): BuiltinScenario {
  const parsed = parseScenario(file);
  // A broken built-in is a bug in this package, caught by its tests; fail loudly rather than hide it.
  if (!parsed.ok) throw new Error(`built-in scenario is invalid: ${JSON.stringify(parsed.issues)}`);
  const s = parsed.scenario;
  if (!s.id || !s.lesson || !s.notice) throw new Error(`built-in scenario ${s.id ?? s.title} needs id, lesson and notice`);
  return s as BuiltinScenario;
}

/** Every built-in scenario, in library order. */
export const BUILTIN_SCENARIOS: BuiltinScenario[] = FILES.map(load);

/** The built-in scenario with this id, or undefined. */
export function builtinScenario(id: string): BuiltinScenario | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.id === id);
}
