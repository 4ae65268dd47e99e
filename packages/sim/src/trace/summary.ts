import { quotaWindowMs, ruleCapacity, type Rule } from '@ratelab/algorithms';
import type { BreakerTransition, ClientSummary, LimiterSummary, TraceDecision } from './types.js';
import { WindowCounter } from './window-counter.js';

/** Buckets in a summary's series: enough for a chart, small enough for a big run. */
const SERIES_BUCKETS = 100;

/**
 * The span over which "allowed in any window" is measured: the rule's window, or for bucket-like algorithms the
 * time to refill (or drain) from empty to full, rounded up to whole ms.
 */
export function measureWindowMs(rule: Rule): number {
  return quotaWindowMs(rule);
}

/** Decision indices in time order (stable). Decisions are usually recorded in time order already; then no sort. */
function timeOrder(decisions: TraceDecision[]): number[] | undefined {
  for (let i = 1; i < decisions.length; i += 1) {
    if ((decisions[i] as TraceDecision).tMs < (decisions[i - 1] as TraceDecision).tMs) {
      return decisions.map((_, j) => j).sort((a, b) => (decisions[a] as TraceDecision).tMs - (decisions[b] as TraceDecision).tMs || a - b);
    }
  }
  return undefined;
}

interface KeyStats {
  /** Units actually allowed in the trailing window (for maxAllowedInAnyWindow). */
  actual: WindowCounter;
  /** An exact sliding log with the rule's capacity: what a perfect limiter on one replica would admit. */
  ideal: WindowCounter;
  allowedUnits: number;
  idealUnits: number;
  maxInWindow: number;
}

/**
 * The summary a teacher points at, computed from the decisions alone (in time order) so every engine's summary
 * is comparable. One pass; per key two sliding-window counters, per client a blocked-streak start.
 */
export function summarize(
  rule: Rule,
  limiterId: string,
  decisions: TraceDecision[],
  clientIds: string[],
  durationMs: number,
  breaker: BreakerTransition[],
  /** The client index of each decision when the caller has it (saves a lookup per decision). */
  decisionClients?: number[],
): LimiterSummary {
  const windowMs = measureWindowMs(rule);
  const capacity = ruleCapacity(rule);
  const bucketMs = Math.max(1, Math.ceil(durationMs / SERIES_BUCKETS));
  const buckets = Math.ceil(durationMs / bucketMs);
  const seriesAllowed = new Array<number>(buckets).fill(0);
  const seriesBlocked = new Array<number>(buckets).fill(0);
  const clientIndex = new Map(clientIds.map((id, i) => [id, i]));
  const perClient = clientIds.map(() => ({ requests: 0, allowed: 0, blocked: 0, retries: 0, maxRecoveryMs: 0 }));
  const streakStart = new Float64Array(clientIds.length).fill(-1);
  const keys = new Map<string, KeyStats>();
  // Each client always uses the same key, so per-key stats can be reached through the client index.
  const statsOfClient: (KeyStats | undefined)[] = clientIds.map(() => undefined);
  const fallbacks = { allow: 0, deny: 0, local: 0 };
  const recovery = { streaks: 0, recovered: 0, maxMs: 0, meanMs: 0 };
  let recoveredTotal = 0;
  let allowed = 0;
  let maxInWindow = 0;
  const order = timeOrder(decisions);
  for (let n = 0; n < decisions.length; n += 1) {
    const di = order ? (order[n] as number) : n;
    const d = decisions[di] as TraceDecision;
    const ci = decisionClients ? (decisionClients[di] as number) : (clientIndex.get(d.client) as number);
    const c = perClient[ci] as ClientSummary & { maxRecoveryMs: number };
    const units = d.cost ?? 1;
    let k = statsOfClient[ci];
    if (k === undefined) {
      k = keys.get(d.key);
      if (k === undefined) {
        k = { actual: new WindowCounter(windowMs), ideal: new WindowCounter(windowMs), allowedUnits: 0, idealUnits: 0, maxInWindow: 0 };
        keys.set(d.key, k);
      }
      statsOfClient[ci] = k;
    }
    if (k.ideal.admit(d.tMs, units, capacity)) k.idealUnits += units;
    c.requests += 1;
    if (d.attempt > 1) c.retries += 1;
    if (d.fallback) fallbacks[d.fallback] += 1;
    const b = Math.min(buckets - 1, Math.floor(d.tMs / bucketMs));
    if (d.allowed) {
      allowed += 1;
      c.allowed += 1;
      (seriesAllowed[b] as number) += 1;
      k.allowedUnits += units;
      const inWindow = k.actual.add(d.tMs, units);
      if (inWindow > k.maxInWindow) k.maxInWindow = inWindow;
      if (inWindow > maxInWindow) maxInWindow = inWindow;
      const start = streakStart[ci] as number;
      if (start >= 0) {
        const ms = d.tMs - start;
        recovery.recovered += 1;
        recoveredTotal += ms;
        if (ms > recovery.maxMs) recovery.maxMs = ms;
        if (ms > c.maxRecoveryMs) c.maxRecoveryMs = ms;
        streakStart[ci] = -1;
      }
    } else {
      c.blocked += 1;
      (seriesBlocked[b] as number) += 1;
      if ((streakStart[ci] as number) < 0) {
        streakStart[ci] = d.tMs;
        recovery.streaks += 1;
      }
    }
  }
  recovery.meanMs = recovery.recovered === 0 ? 0 : Math.round(recoveredTotal / recovery.recovered);
  let idealAllowed = 0;
  let beyond = 0;
  const perKey: LimiterSummary['keys'] = {};
  for (const [key, k] of keys) {
    idealAllowed += k.idealUnits;
    beyond += Math.max(0, k.allowedUnits - k.idealUnits);
    perKey[key] = { allowedUnits: k.allowedUnits, maxAllowedInAnyWindow: k.maxInWindow, idealAllowed: k.idealUnits };
  }
  const clients: Record<string, ClientSummary & { maxRecoveryMs: number }> = {};
  clientIds.forEach((id, i) => (clients[id] = perClient[i] as ClientSummary & { maxRecoveryMs: number }));
  const breakerTransitions: Record<string, number> = {};
  for (const t of breaker) if (t.limiter === limiterId) breakerTransitions[String(t.replica)] = (breakerTransitions[String(t.replica)] ?? 0) + 1;
  return {
    requests: decisions.length,
    allowed,
    blocked: decisions.length - allowed,
    fallbacks,
    windowMs,
    maxAllowedInAnyWindow: maxInWindow,
    idealAllowed,
    admittedBeyondIdeal: beyond,
    recovery,
    clients,
    keys: perKey,
    breakerTransitions,
    series: { bucketMs, allowed: seriesAllowed, blocked: seriesBlocked },
  };
}
