import { randomUUID } from 'node:crypto';
import { createLimiter, step, type Limiter, type ModelState, type RedisLike, type Rule } from '@ratelab/algorithms';

export interface RaceInput {
  rule: Rule;
  replicas: number;
  requests: number;
  trials: number;
}

export interface RaceTrial {
  trial: number;
  /** Requests the store admitted in this trial. */
  admitted: number;
  blocked: number;
  /** Requests whose Redis call failed (counted in neither of the above). */
  errors: number;
  /** What the pure model admits for the same requests decided one after another. */
  expected: number;
  /** admitted - expected: above 0 is double-spending. */
  overAdmitted: number;
  durationMs: number;
}

export interface RaceResult {
  trials: RaceTrial[];
  expected: number;
  overAdmittingTrials: number;
  /** Set when the time budget ran out before every trial ran. */
  stoppedEarly?: string;
}

/** Requests the pure model admits when `requests` unit requests arrive at the same instant on a fresh key. */
export function expectedAdmitted(rule: Rule, requests: number, tMs: number): number {
  let state: ModelState | undefined;
  let admitted = 0;
  for (let i = 0; i < requests; i += 1) {
    const next = step(rule, state, tMs, 1);
    state = next.state;
    if (next.decision.allowed) admitted += 1;
  }
  return admitted;
}

/**
 * Fires `requests` checks at once on one fresh key through `replicas` separate connections, `trials` times.
 * All requests of a trial share one decision time, so the only thing that can change the count is how the
 * store interleaves them: the atomic scripts admit exactly the model's count, the naive bucket (separate GETs
 * and SETs) lets several requests read the same token. Each trial's keys are deleted when it ends.
 */
export async function runRace(
  connections: RedisLike[],
  cleanup: { del(...keys: string[]): Promise<unknown> },
  input: RaceInput,
  options: { now: () => number; budgetMs: number },
): Promise<RaceResult> {
  const started = options.now();
  const runId = randomUUID().slice(0, 8);
  const trials: RaceTrial[] = [];
  let stoppedEarly: string | undefined;
  const expected = expectedAdmitted(input.rule, input.requests, 0);
  for (let trial = 1; trial <= input.trials; trial += 1) {
    if (options.now() - started > options.budgetMs) {
      stoppedEarly = `time budget of ${options.budgetMs} ms used after ${trials.length} trial(s); ask for fewer requests or trials`;
      break;
    }
    const prefix = `race.${runId}.${trial}`;
    const limiters: Limiter[] = connections.slice(0, input.replicas).map((redis) => createLimiter(redis, input.rule, { prefix, clock: 'app' }));
    const key = 'shared-key';
    const nowMs = options.now();
    const t0 = options.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: input.requests }, (_, i) => (limiters[i % limiters.length] as Limiter).check(key, { nowMs })),
    );
    const durationMs = options.now() - t0;
    let admitted = 0;
    let blocked = 0;
    let errors = 0;
    for (const o of outcomes) {
      if (o.status === 'rejected') errors += 1;
      else if (o.value.allowed) admitted += 1;
      else blocked += 1;
    }
    try {
      await cleanup.del(...(limiters[0] as Limiter).keysFor(key));
    } catch {
      // The keys carry a TTL, so a failed cleanup only leaves them until it expires.
    }
    trials.push({ trial, admitted, blocked, errors, expected, overAdmitted: admitted - expected, durationMs });
  }
  const result: RaceResult = { trials, expected, overAdmittingTrials: trials.filter((t) => t.overAdmitted > 0).length };
  if (stoppedEarly) result.stoppedEarly = stoppedEarly;
  return result;
}
