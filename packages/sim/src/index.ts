// The public surface of @ratelab/sim: the web app, the server and the CLI import from here only.
export { parseScenario, type ParseResult } from './scenario/parse.js';
export { DEFAULT_LIMITS, type ScenarioLimits } from './scenario/limits.js';
export type {
  Scenario,
  ScenarioClient,
  ScenarioLimiter,
  ArrivalSpec,
  RetrySpec,
  Topology,
  Fault,
  Resilience,
  BreakerSpec,
} from './scenario/types.js';
export { BUILTIN_SCENARIOS, builtinScenario, type BuiltinScenario } from './builtins.js';
export { runScenario, runScenarioAsync, FULL_DETAIL_MAX_ARRIVALS, type RunOptions, type AsyncRunOptions } from './run.js';
export type { SimRedis } from './engine/redis-backend.js';
export { compareTraces, type Comparison, type Difference } from './trace/compare.js';
export { measureWindowMs } from './trace/summary.js';
export { decisionColumns, type DecisionColumnsView } from './trace/decision-view.js';
export type { DecisionClient } from './trace/decision-columns.js';
export type {
  Trace,
  TraceDecision,
  TraceLimiter,
  LimiterSummary,
  ClientSummary,
  BreakerTransition,
  EngineName,
  FallbackReason,
} from './trace/types.js';
