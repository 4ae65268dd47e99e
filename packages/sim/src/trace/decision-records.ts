import { DecisionColumns, type DecisionClient, type Details } from './decision-columns.js';
import { ALLOWED, fallbackOf, HAS_DELAY, reasonOf } from './decision-flags.js';
import type { TraceDecision } from './types.js';

// Between a run's decision columns and the trace's TraceDecision records, both ways.

/** Decision `i` as the trace's record: optional fields only when they carry information, in the fixed order. */
export function decisionRecord(cols: DecisionColumns, i: number): TraceDecision {
  const c = cols.clients[cols.client[i] as number] as DecisionClient;
  const tMs = cols.tMs[i] as number;
  const flags = cols.flags[i] as number;
  const rec: TraceDecision = {
    tMs,
    client: c.id,
    key: c.key,
    replica: cols.replica[i] as number,
    attempt: cols.attempt[i] as number,
    allowed: (flags & ALLOWED) !== 0,
    remaining: cols.remaining[i] as number,
    retryAfterMs: cols.retryAfterMs[i] as number,
  };
  if ((flags & HAS_DELAY) !== 0) rec.delayMs = (cols.delayMs as Float64Array)[i] as number;
  const cost = cols.cost ? (cols.cost[i] as number) : 1;
  if (cost !== 1) rec.cost = cost;
  const nowMs = cols.nowMs ? (cols.nowMs[i] as number) : tMs;
  if (nowMs !== tMs) rec.nowMs = nowMs;
  const arrivalMs = cols.arrivalMs ? (cols.arrivalMs[i] as number) : tMs;
  if (arrivalMs !== tMs) rec.arrivalMs = arrivalMs;
  const fallback = fallbackOf(flags);
  if (fallback !== undefined) {
    rec.fallback = fallback;
    rec.fallbackReason = reasonOf(flags);
  }
  const details: Details | undefined = cols.details;
  if (details) {
    rec.explanation = details.explanation[i] as string;
    rec.stateBefore = details.before[i] as Record<string, number>;
    rec.stateAfter = details.after[i] as Record<string, number>;
  }
  return rec;
}

/** Every decision as a record (a new array of new objects on each call). */
export function decisionRecords(cols: DecisionColumns): TraceDecision[] {
  const out = new Array<TraceDecision>(cols.length);
  for (let i = 0; i < cols.length; i += 1) out[i] = decisionRecord(cols, i);
  return out;
}

/**
 * Columns holding `decisions` (records of `clientIds`' clients), for code that has records rather than a run: the
 * summary's tests, and any trace read back from JSON. A client's key is the one on its first decision (a client
 * always uses one key); decisions keep their own order.
 */
export function columnsFromRecords(decisions: readonly TraceDecision[], clientIds: readonly string[]): DecisionColumns {
  const index = new Map(clientIds.map((id, i) => [id, i]));
  const keys: (string | undefined)[] = clientIds.map(() => undefined);
  for (const d of decisions) {
    const ci = index.get(d.client) as number;
    if (keys[ci] === undefined) keys[ci] = d.key;
  }
  const clients = clientIds.map((id, i) => ({ id, key: keys[i] ?? id }));
  const detail = decisions.length > 0 && (decisions[0] as TraceDecision).stateAfter !== undefined;
  const cols = new DecisionColumns(clients, detail, decisions.length);
  for (const d of decisions) {
    cols.push(d.tMs, index.get(d.client) as number, d.replica, d.attempt, d.nowMs ?? d.tMs, d.arrivalMs ?? d.tMs, d.cost ?? 1, d, d.fallback, d.fallbackReason);
    if (detail) cols.pushDetails(d.explanation, d.stateBefore ?? {}, d.stateAfter ?? {});
  }
  return cols;
}
