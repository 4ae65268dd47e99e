import { DEFAULT_LIMITS } from './scenario/limits.js';
import { estimateArrivals } from './scenario/arrivals-estimate.js';
import { ruleOf, type Scenario } from './scenario/types.js';
import type { AsyncBackend } from './engine/backend.js';
import { RedisBackend, type SimRedis } from './engine/redis-backend.js';
import { SimBackend } from './engine/sim-backend.js';
import { LimiterRun } from './engine/world.js';
import { decisionRecords } from './trace/decision-records.js';
import { linkDecisionColumns } from './trace/decision-view.js';
import { summarizeColumns } from './trace/summary.js';
import type { BreakerTransition, EngineName, Trace, TraceDecision, TraceLimiter } from './trace/types.js';

/** Scenarios estimated above this many arrivals run lean by default (no explanations or state snapshots). */
export const FULL_DETAIL_MAX_ARRIVALS = 50_000;

export interface RunOptions {
  /** 'sim' (pure models, synchronous; the default), 'lua' (ioredis-mock) or 'redis' (a real Redis). */
  engine?: EngineName;
  /** 'full' keeps explanations and state snapshots, 'lean' only decision fields, 'auto' (default) is full up to 50,000 arrivals. */
  detail?: 'full' | 'lean' | 'auto';
  /** Decisions one limiter may record before the run stops (default 1,000,000). */
  maxDecisions?: number;
  /**
   * Runs only the limiters with indices `from <= i < to` (default: all). Each limiter's trace, summary and breaker
   * transitions are exactly those of the full run, because a limiter never sees the others: they share the traffic,
   * not state. The playground runs the halves of a scenario in two workers this way.
   */
  limiterRange?: readonly [from: number, to: number];
}

export interface AsyncRunOptions extends RunOptions {
  /** The client for 'lua' (an ioredis-mock instance) or 'redis' (an ioredis client). The caller owns and closes it. */
  redis?: SimRedis;
  /** Key namespace for this run (default `sim-<id>-<seed>`); pass a unique one when runs share a Redis. */
  prefix?: string;
}

function detailOf(scenario: Scenario, detail: RunOptions['detail']): boolean {
  if (detail === 'full') return true;
  if (detail === 'lean') return false;
  const arrivals = scenario.clients.reduce((sum, c) => sum + estimateArrivals(c.arrivals, scenario.durationMs), 0);
  return arrivals <= FULL_DETAIL_MAX_ARRIVALS;
}

/** The indices of the limiters a run covers (RunOptions.limiterRange), checked against the scenario. */
function limiterIndices(scenario: Scenario, range: RunOptions['limiterRange']): number[] {
  const n = scenario.limiters.length;
  const [from, to] = range ?? [0, n];
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > n || from >= to)
    throw new RangeError(`limiterRange [${from}, ${to}] must be whole numbers with 0 <= from < to <= ${n} (the scenario's limiters)`);
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function assemble(scenario: Scenario, engine: EngineName, detail: boolean, runs: LimiterRun[], indices: number[], breaker: BreakerTransition[]): Trace {
  const limiters: TraceLimiter[] = runs.map((run, r) => {
    const rule = scenario.limiters[indices[r] as number] as Scenario['limiters'][number];
    const id = rule.id;
    const columns = run.columns;
    let decisions: TraceDecision[] | undefined;
    const limiter: TraceLimiter = {
      id,
      algorithm: rule.algorithm,
      rule: ruleOf(rule),
      clock: rule.clock ?? scenario.topology.clock,
      resilience: rule.resilience ?? scenario.resilience,
      // The records are built on first read and then kept (a caller may change them, as a test does). An object
      // literal's accessor is an own, enumerable property in this position, so JSON.stringify, structuredClone and
      // object spread read it like the plain array it replaces and the JSON of a trace is unchanged.
      get decisions(): TraceDecision[] {
        decisions ??= decisionRecords(columns);
        return decisions;
      },
      set decisions(value: TraceDecision[]) {
        decisions = value;
      },
      summary: summarizeColumns(rule, id, columns, scenario.durationMs, breaker),
    };
    // Readers that want columns (the playground's worker) may read them instead, until the records exist.
    linkDecisionColumns(limiter, columns, () => decisions === undefined);
    return limiter;
  });
  const trace: Trace = {
    format: 1,
    scenario: scenario.id ?? null,
    title: scenario.title,
    engine,
    seed: scenario.seed,
    durationMs: scenario.durationMs,
    detail: detail ? 'full' : 'lean',
    limiters,
    breaker,
    faults: scenario.faults,
  };
  if (runs.some((r) => r.truncated)) trace.truncated = true;
  return trace;
}

/** Runs a validated scenario on the pure models, synchronously. Same scenario, same trace, byte for byte. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): Trace {
  if (options.engine !== undefined && options.engine !== 'sim')
    throw new TypeError(`runScenario runs the 'sim' engine only; use runScenarioAsync for '${options.engine}'`);
  const detail = detailOf(scenario, options.detail);
  const breaker: BreakerTransition[] = [];
  const indices = limiterIndices(scenario, options.limiterRange);
  const runs = indices.map((i) => {
    const rule = scenario.limiters[i] as Scenario['limiters'][number];
    const run = new LimiterRun(scenario, i, {
      detail,
      maxDecisions: options.maxDecisions ?? DEFAULT_LIMITS.maxDecisions,
      backend: new SimBackend(ruleOf(rule), detail),
      breakerLog: breaker,
    });
    while (run.step());
    return run;
  });
  return assemble(scenario, 'sim', detail, runs, indices, breaker);
}

/**
 * Runs a scenario on any engine. 'lua' and 'redis' send each Redis command of the run, in virtual-time order, to
 * the client passed in (one at a time: the simulated network decides the order, not the real one) and delete every
 * key they touched afterwards, even when the run fails.
 */
export async function runScenarioAsync(scenario: Scenario, options: AsyncRunOptions = {}): Promise<Trace> {
  const engine = options.engine ?? 'sim';
  if (engine === 'sim') return runScenario(scenario, options);
  if (!options.redis) throw new TypeError(`the '${engine}' engine needs a Redis client (options.redis)`);
  const detail = detailOf(scenario, options.detail);
  const prefix = options.prefix ?? `sim-${(scenario.id ?? 'run').slice(0, 40)}-${scenario.seed}`;
  const breaker: BreakerTransition[] = [];
  const runs: LimiterRun[] = [];
  const indices = limiterIndices(scenario, options.limiterRange);
  for (const i of indices) {
    const rule = scenario.limiters[i] as Scenario['limiters'][number];
    const backend: AsyncBackend = new RedisBackend(options.redis, rule, `${prefix}.${i}`, detail);
    const run = new LimiterRun(scenario, i, { detail, maxDecisions: options.maxDecisions ?? DEFAULT_LIMITS.maxDecisions, breakerLog: breaker });
    try {
      while (run.step()) {
        while (run.pending) run.resume(await backend.exec(run.pending.cmd));
      }
    } catch (error) {
      // Clean up what can be cleaned, but report the failure that stopped the run, not a second one.
      await backend.cleanup().catch(() => undefined);
      throw error;
    }
    await backend.cleanup();
    runs.push(run);
  }
  return assemble(scenario, engine, detail, runs, indices, breaker);
}
