import { quotaWindowMs, ruleCapacity, type Rule } from '@ratelab/algorithms';
import { columnsFromRecords } from './decision-records.js';
import type { DecisionClient, DecisionColumns } from './decision-columns.js';
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

interface KeyStats {
  /** Units actually allowed in the trailing window (for maxAllowedInAnyWindow). */
  actual: WindowCounter;
  /** An exact sliding log with the rule's capacity: what a perfect limiter on one replica would admit. */
  ideal: WindowCounter;
  allowedUnits: number;
  idealUnits: number;
  maxInWindow: number;
}

/** The summary of decision records (see `summarizeColumns`); `clientIds` are every client of the scenario, in order. */
export function summarize(
  rule: Rule,
  limiterId: string,
  decisions: TraceDecision[],
  clientIds: string[],
  durationMs: number,
  breaker: BreakerTransition[],
): LimiterSummary {
  const cols = columnsFromRecords(decisions, clientIds);
  // Records may come in any order; these columns are our own copy, so they are put in time order in place.
  cols.sortByTime();
  return summarizeColumns(rule, limiterId, cols, durationMs, breaker);
}

/**
 * The summary a teacher points at, computed from the decisions alone so every engine's summary is comparable.
 * `cols` must be in time order (DecisionColumns.sortByTime; a finished run's are). One pass over the columns, no
 * objects per decision; per key two sliding-window counters, per client a blocked-streak start.
 */
export function summarizeColumns(rule: Rule, limiterId: string, cols: DecisionColumns, durationMs: number, breaker: BreakerTransition[]): LimiterSummary {
  if (!cols.inOrder) throw new RangeError('summarizeColumns needs decisions in time order: call sortByTime() first');
  const windowMs = measureWindowMs(rule);
  const capacity = ruleCapacity(rule);
  const bucketMs = Math.max(1, Math.ceil(durationMs / SERIES_BUCKETS));
  const buckets = Math.ceil(durationMs / bucketMs);
  const seriesAllowed = new Float64Array(buckets);
  const seriesBlocked = new Float64Array(buckets);
  const clientCount = cols.clients.length;
  const perClient = cols.clients.map(() => ({ requests: 0, allowed: 0, blocked: 0, retries: 0, maxRecoveryMs: 0 }));
  const streakStart = new Float64Array(clientCount).fill(-1);
  const keys = new Map<string, KeyStats>();
  // Each client always uses the same key, so per-key stats can be reached through the client index.
  const statsOfClient: (KeyStats | undefined)[] = cols.clients.map(() => undefined);
  const fallbacks = { allow: 0, deny: 0, local: 0 };
  const recovery = { streaks: 0, recovered: 0, maxMs: 0, meanMs: 0 };
  let recoveredTotal = 0;
  let allowed = 0;
  let maxInWindow = 0;
  const { length, tMs, client, attempt, cost } = cols;
  // Many decisions share a millisecond (a big run has thousands of clients), so the bucket is found once per time.
  let lastT = NaN;
  let b = 0;
  for (let di = 0; di < length; di += 1) {
    const t = tMs[di] as number;
    const ci = client[di] as number;
    const c = perClient[ci] as ClientSummary & { maxRecoveryMs: number };
    const units = cost === undefined ? 1 : (cost[di] as number);
    let k = statsOfClient[ci];
    if (k === undefined) {
      const key = (cols.clients[ci] as DecisionClient).key;
      k = keys.get(key);
      if (k === undefined) {
        k = { actual: new WindowCounter(windowMs), ideal: new WindowCounter(windowMs), allowedUnits: 0, idealUnits: 0, maxInWindow: 0 };
        keys.set(key, k);
      }
      statsOfClient[ci] = k;
    }
    if (k.ideal.admit(t, units, capacity)) k.idealUnits += units;
    c.requests += 1;
    if ((attempt[di] as number) > 1) c.retries += 1;
    const fallback = cols.fallback(di);
    if (fallback !== undefined) fallbacks[fallback] += 1;
    if (t !== lastT) {
      lastT = t;
      b = Math.min(buckets - 1, Math.floor(t / bucketMs));
    }
    if (cols.allowed(di)) {
      allowed += 1;
      c.allowed += 1;
      (seriesAllowed[b] as number) += 1;
      k.allowedUnits += units;
      const inWindow = k.actual.add(t, units, k.maxInWindow);
      if (inWindow > k.maxInWindow) k.maxInWindow = inWindow;
      if (inWindow > maxInWindow) maxInWindow = inWindow;
      const start = streakStart[ci] as number;
      if (start >= 0) {
        const ms = t - start;
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
        streakStart[ci] = t;
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
  cols.clients.forEach((cl, i) => (clients[cl.id] = perClient[i] as ClientSummary & { maxRecoveryMs: number }));
  const breakerTransitions: Record<string, number> = {};
  for (const t of breaker) if (t.limiter === limiterId) breakerTransitions[String(t.replica)] = (breakerTransitions[String(t.replica)] ?? 0) + 1;
  return {
    requests: length,
    allowed,
    blocked: length - allowed,
    fallbacks,
    windowMs,
    maxAllowedInAnyWindow: maxInWindow,
    idealAllowed,
    admittedBeyondIdeal: beyond,
    recovery,
    clients,
    keys: perKey,
    breakerTransitions,
    series: { bucketMs, allowed: Array.from(seriesAllowed), blocked: Array.from(seriesBlocked) },
  };
}
