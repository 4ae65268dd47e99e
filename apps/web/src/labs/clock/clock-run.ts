import { parseScenario, runScenario, type Trace } from '@ratelab/sim';
import { clockScenario, type ClockSetup } from './clock-scenario';

export { CLOCK_DURATION_MS, CLOCK_LIMIT, type ClockAlgorithm, type ClockSetup } from './clock-scenario';

export interface ClockResult {
  trace: Trace;
  allowed: number;
  /** Most admitted in any span of the limiter's own window (the number a skew inflates). */
  maxInWindow: number;
  windowMs: number;
  /** Admitted beyond the same traffic on one shared clock (Redis time): what the skew bought. */
  extra: number;
  /** Most admitted in any window beyond what the shared clock allows. */
  extraInWindow: number;
}

export type ClockRuns = { ok: true; app: ClockResult; redis: ClockResult } | { ok: false; issues: { path: string; message: string }[] };

function one(s: ClockSetup, clock: 'app' | 'redis'): ClockResult | { path: string; message: string }[] {
  const parsed = parseScenario(clockScenario(s, clock));
  if (!parsed.ok) return parsed.issues;
  const trace = runScenario(parsed.scenario, { engine: 'sim' });
  const summary = (trace.limiters[0] as Trace['limiters'][number]).summary;
  return { trace, allowed: summary.allowed, maxInWindow: summary.maxAllowedInAnyWindow, windowMs: summary.windowMs, extra: 0, extraInWindow: 0 };
}

/** Runs the same skewed topology twice on the simulator: with app clocks and with Redis time. */
export function runClocks(s: ClockSetup): ClockRuns {
  const app = one(s, 'app');
  const redis = one(s, 'redis');
  if (Array.isArray(app)) return { ok: false, issues: app };
  if (Array.isArray(redis)) return { ok: false, issues: redis };
  app.extra = app.allowed - redis.allowed;
  app.extraInWindow = app.maxInWindow - redis.maxInWindow;
  return { ok: true, app, redis };
}
