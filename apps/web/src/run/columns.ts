import type { DecisionColumnsView } from '@ratelab/sim';
import type { BreakerTransition, LimiterJson, TraceDecision, TraceLimiter, TraceView } from '../state/types';
import { FALLBACKS, interner, orNaN } from './encoding';
import { columnsFromView } from './lean-columns';

/**
 * A trace in columns: one typed array per decision field, strings interned. The worker builds it and transfers the
 * arrays (no copy), because structured-cloning 40,000 decision objects costs more than simulating them. The page
 * reads columns for charts and materializes a decision object only for what it shows (inspector, narration).
 */
export interface LimiterColumns {
  id: string;
  algorithm: string;
  rule: LimiterJson | undefined;
  summary: TraceLimiter['summary'];
  n: number;
  tMs: Float64Array;
  allowed: Uint8Array;
  remaining: Float64Array;
  retryAfterMs: Float64Array;
  /** NaN where the decision has no such field. */
  delayMs: Float64Array;
  cost: Float64Array;
  nowMs: Float64Array;
  arrivalMs: Float64Array;
  attempt: Int32Array;
  replica: Int32Array;
  /** Indices into TraceData.strings. */
  client: Int32Array;
  key: Int32Array;
  /** -1 when Redis decided; else an index into FALLBACKS. */
  fallback: Int8Array;
  fallbackReason: Int32Array;
  /** Present once the run has its detail (explanations and state snapshots). */
  detail: LimiterDetail | null;
}

export interface LimiterDetail {
  explanation: (string | null)[];
  fields: string[];
  /** One column per field; NaN where the snapshot lacks it. */
  before: Float64Array[];
  after: Float64Array[];
}

export interface TraceData {
  format: number;
  scenario: string | null;
  title: string | undefined;
  engine: string;
  seed: number;
  durationMs: number;
  /** 'pending' while the worker is still computing explanations and state snapshots for a large run. */
  detail: 'full' | 'lean' | 'pending';
  truncated: boolean;
  strings: string[];
  limiters: LimiterColumns[];
  breaker: BreakerTransition[];
  faults: { kind: string; fromMs: number; toMs: number }[];
}

export function detailColumns(l: TraceLimiter): LimiterDetail {
  const ds = l.decisions;
  const n = ds.length;
  // A field's two columns are created the first time any snapshot names it, so the fields keep the order in which
  // they first appear; one pass over the decisions fills everything.
  const index = new Map<string, number>();
  const names: string[] = [];
  const before: Float64Array[] = [];
  const after: Float64Array[] = [];
  const column = (f: string): number => {
    let j = index.get(f);
    if (j === undefined) {
      j = names.length;
      index.set(f, j);
      names.push(f);
      before.push(new Float64Array(n).fill(Number.NaN));
      after.push(new Float64Array(n).fill(Number.NaN));
    }
    return j;
  };
  const explanation: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const d = ds[i]!;
    explanation[i] = d.explanation ?? null;
    const b = d.stateBefore;
    const a = d.stateAfter;
    if (b) for (const f in b) before[column(f)]![i] = b[f]!;
    if (a) for (const f in a) after[column(f)]![i] = a[f]!;
  }
  return { explanation, fields: names, before, after };
}

/**
 * The trace in columns. `viewOf` (the worker passes @ratelab/sim's decisionColumns) gives a limiter's decisions as the
 * simulator's own columns when it has them, which skips building a record per decision; it is a parameter so that
 * the page, which imports this file for decisionOf, does not load any of the simulator on first load.
 */
export function toColumns(trace: TraceView & { title?: string }, withDetail: boolean, viewOf?: (l: TraceLimiter) => DecisionColumnsView | undefined): TraceData {
  const strings: string[] = [];
  const table = interner(strings);
  const limiters = trace.limiters.map((l): LimiterColumns => {
    // A lean run straight from the simulator: its own columns, without a record per decision (lean-columns.ts).
    const view = withDetail || !viewOf ? undefined : viewOf(l);
    if (view) return columnsFromView(l, view, table);
    const n = l.decisions.length;
    const c: LimiterColumns = {
      id: l.id, algorithm: l.algorithm ?? '', rule: l.rule, summary: l.summary, n,
      tMs: new Float64Array(n), allowed: new Uint8Array(n), remaining: new Float64Array(n), retryAfterMs: new Float64Array(n),
      delayMs: new Float64Array(n), cost: new Float64Array(n), nowMs: new Float64Array(n), arrivalMs: new Float64Array(n),
      attempt: new Int32Array(n), replica: new Int32Array(n), client: new Int32Array(n), key: new Int32Array(n),
      fallback: new Int8Array(n), fallbackReason: new Int32Array(n), detail: withDetail ? detailColumns(l) : null,
    };
    const clients = table();
    const keys = table();
    const reasons = table();
    const ds = l.decisions;
    for (let i = 0; i < n; i++) {
      const d = ds[i]!;
      c.tMs[i] = d.tMs;
      c.allowed[i] = d.allowed ? 1 : 0;
      c.remaining[i] = d.remaining;
      c.retryAfterMs[i] = d.retryAfterMs;
      c.delayMs[i] = orNaN(d.delayMs);
      c.cost[i] = orNaN(d.cost);
      c.nowMs[i] = orNaN(d.nowMs);
      c.arrivalMs[i] = orNaN(d.arrivalMs);
      c.attempt[i] = d.attempt;
      c.replica[i] = d.replica;
      c.client[i] = clients(d.client);
      c.key[i] = keys(d.key);
      c.fallback[i] = d.fallback ? FALLBACKS.indexOf(d.fallback) : -1;
      c.fallbackReason[i] = reasons(d.fallbackReason);
    }
    return c;
  });
  return {
    format: trace.format, scenario: trace.scenario ?? null, title: trace.title, engine: trace.engine, seed: trace.seed, durationMs: trace.durationMs ?? 0,
    detail: withDetail ? 'full' : 'lean', truncated: !!trace.truncated, strings, limiters, breaker: trace.breaker ?? [], faults: trace.faults ?? [],
  };
}

/** The typed arrays to transfer (not copy) with postMessage. */
export function transferables(t: TraceData): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const l of t.limiters) {
    for (const a of [l.tMs, l.allowed, l.remaining, l.retryAfterMs, l.delayMs, l.cost, l.nowMs, l.arrivalMs, l.attempt, l.replica, l.client, l.key, l.fallback, l.fallbackReason])
      out.push(a.buffer as ArrayBuffer);
    if (l.detail) for (const a of [...l.detail.before, ...l.detail.after]) out.push(a.buffer as ArrayBuffer);
  }
  return out;
}

/** One decision as the simulator wrote it (same fields, same order), rebuilt from the columns. */
export function decisionOf(t: TraceData, l: LimiterColumns, i: number): TraceDecision {
  const d: TraceDecision = {
    tMs: l.tMs[i]!, client: t.strings[l.client[i]!]!, key: t.strings[l.key[i]!]!, replica: l.replica[i]!, attempt: l.attempt[i]!,
    allowed: l.allowed[i] === 1, remaining: l.remaining[i]!, retryAfterMs: l.retryAfterMs[i]!,
  };
  if (!Number.isNaN(l.delayMs[i]!)) d.delayMs = l.delayMs[i]!;
  if (!Number.isNaN(l.cost[i]!)) d.cost = l.cost[i]!;
  if (!Number.isNaN(l.nowMs[i]!)) d.nowMs = l.nowMs[i]!;
  if (!Number.isNaN(l.arrivalMs[i]!)) d.arrivalMs = l.arrivalMs[i]!;
  if (l.fallback[i]! >= 0) d.fallback = FALLBACKS[l.fallback[i]!];
  if (l.fallbackReason[i]! >= 0) d.fallbackReason = t.strings[l.fallbackReason[i]!];
  if (l.detail) {
    const e = l.detail.explanation[i];
    if (e !== null && e !== undefined) d.explanation = e;
    const snap = (cols: Float64Array[]) => {
      const o: Record<string, number> = {};
      l.detail!.fields.forEach((f, j) => {
        const v = cols[j]![i]!;
        if (!Number.isNaN(v)) o[f] = v;
      });
      return o;
    };
    d.stateBefore = snap(l.detail.before);
    d.stateAfter = snap(l.detail.after);
  }
  return d;
}

/** The whole trace as JSON-ready objects again (exports); built only when asked for. */
export function toTraceJson(t: TraceData): TraceView {
  return {
    format: t.format, scenario: t.scenario ?? undefined, ...(t.title !== undefined ? { title: t.title } : {}), engine: t.engine, seed: t.seed, durationMs: t.durationMs,
    detail: t.detail === 'full' ? 'full' : 'lean', ...(t.truncated ? { truncated: true } : {}),
    limiters: t.limiters.map((l) => ({
      id: l.id, algorithm: l.algorithm, rule: l.rule, summary: l.summary,
      decisions: Array.from({ length: l.n }, (_, i) => decisionOf(t, l, i)),
    })),
    breaker: t.breaker, faults: t.faults,
  };
}
