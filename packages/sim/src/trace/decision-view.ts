import type { DecisionClient, DecisionColumns } from './decision-columns.js';
import { ALLOWED, fallbackOf, HAS_DELAY, reasonOf, type FallbackKind } from './decision-flags.js';
import type { FallbackReason, TraceLimiter } from './types.js';

/**
 * A trace limiter's decisions read straight from the run's columns, without building a `TraceDecision` per
 * decision. Each accessor answers what that decision's record would hold: an optional field is `undefined` exactly
 * where the record omits it, so code reading the view sees the same trace as code reading `decisions`.
 */
export interface DecisionColumnsView {
  /** How many decisions there are; every column below holds exactly this many values. */
  readonly length: number;
  /** Every client of the scenario; `client[i]` is an index into this list (its id and the key it uses). */
  readonly clients: readonly DecisionClient[];
  readonly tMs: ArrayLike<number>;
  readonly client: ArrayLike<number>;
  readonly replica: ArrayLike<number>;
  readonly attempt: ArrayLike<number>;
  readonly remaining: ArrayLike<number>;
  readonly retryAfterMs: ArrayLike<number>;
  /** Whether decision `i` allowed the request. */
  allowed(i: number): boolean;
  /** The fallback that decided instead of the store, or undefined when the store decided. */
  fallback(i: number): FallbackKind | undefined;
  /** Why a fallback decided (undefined when none did). */
  fallbackReason(i: number): FallbackReason | undefined;
  /** The record's optional fields: undefined where the record leaves them out. */
  delayMs(i: number): number | undefined;
  cost(i: number): number | undefined;
  nowMs(i: number): number | undefined;
  arrivalMs(i: number): number | undefined;
}

/**
 * What a trace limiter was built from: its columns, and whether its records are still unread. Kept beside the
 * limiter rather than on it, so a trace's JSON, clones and comparisons do not change.
 */
interface Source {
  columns: DecisionColumns;
  unread: () => boolean;
}

const sources = new WeakMap<object, Source>();

/** Remembers that `limiter`'s decisions are `columns` for as long as `unread()` says its records were never read. */
export function linkDecisionColumns(limiter: TraceLimiter, columns: DecisionColumns, unread: () => boolean): void {
  sources.set(limiter, { columns, unread });
}

// Undefined once the limiter's `decisions` were read: whoever holds the records may change them, and from then on
// only the records are the truth. Undefined too for a limiter runScenario did not build (a clone, parsed JSON).
/** A trace limiter's decisions as read-only columns, without building records; undefined when `decisions` must be read. */
export function decisionColumns(limiter: TraceLimiter): DecisionColumnsView | undefined {
  const source = sources.get(limiter);
  return source && source.unread() ? columnsView(source.columns) : undefined;
}

/** The view over one DecisionColumns: the columns cut to their length (they keep spare room for growing). */
function columnsView(cols: DecisionColumns): DecisionColumnsView {
  const n = cols.length;
  const tMs = cols.tMs.subarray(0, n);
  const flags = cols.flags.subarray(0, n);
  const { delayMs, cost, nowMs, arrivalMs } = cols;
  /** A time column's value at `i`, or undefined where it equals the decision time (the record omits it then). */
  const unlessTMs = (col: Float64Array | undefined, i: number) => (col && col[i] !== tMs[i] ? (col[i] as number) : undefined);
  return {
    length: n,
    clients: cols.clients,
    tMs,
    client: cols.client.subarray(0, n),
    replica: cols.replica.subarray(0, n),
    attempt: cols.attempt.subarray(0, n),
    remaining: cols.remaining.subarray(0, n),
    retryAfterMs: cols.retryAfterMs.subarray(0, n),
    allowed: (i) => ((flags[i] as number) & ALLOWED) !== 0,
    fallback: (i) => fallbackOf(flags[i] as number),
    fallbackReason: (i) => (fallbackOf(flags[i] as number) === undefined ? undefined : reasonOf(flags[i] as number)),
    delayMs: (i) => (((flags[i] as number) & HAS_DELAY) !== 0 ? ((delayMs as Float64Array)[i] as number) : undefined),
    cost: (i) => (cost && cost[i] !== 1 ? (cost[i] as number) : undefined),
    nowMs: (i) => unlessTMs(nowMs, i),
    arrivalMs: (i) => unlessTMs(arrivalMs, i),
  };
}
