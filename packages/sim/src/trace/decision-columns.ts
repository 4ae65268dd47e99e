import { permuted, resized, widen, type Column } from './columns.js';
import { ALLOWED, fallbackFlags, fallbackOf, HAS_DELAY, type FallbackKind } from './decision-flags.js';
import type { FallbackReason } from './types.js';

/** A client as the trace names it: its id, and the limiter key all of its decisions use. */
export interface DecisionClient {
  id: string;
  key: string;
}

/** The numbers of one decision the engine hands to `push` (a model's Decision fits). */
export interface DecisionNumbers {
  allowed: boolean;
  remaining: number;
  retryAfterMs: number;
  delayMs?: number;
}

/** Explanations and state snapshots, kept only by full-detail runs. */
export interface Details {
  explanation: (string | undefined)[];
  before: Record<string, number>[];
  after: Record<string, number>[];
}

/** The typed-array columns, for the operations that treat them all alike (growing, reordering). */
const COLUMNS = ['tMs', 'client', 'replica', 'attempt', 'flags', 'remaining', 'retryAfterMs', 'delayMs', 'cost', 'nowMs', 'arrivalMs'] as const;

/** Whether a value just stored did not survive the column's type (see columns.ts; -0 only survives in Float64Array). */
const lost = (stored: number, v: number) => stored !== v || (v === 0 && Object.is(v, -0));

/**
 * A limiter's decisions as columns of typed arrays (struct of arrays) instead of one object per decision. A big run
 * records a million decisions; as objects they cost most of the run's time in allocation and garbage collection,
 * while the summary needs only a few numbers of each. decision-records.ts builds the `TraceDecision` records from
 * them, field for field and in the order the engine used to build them, so the JSON of a trace does not change.
 *
 * Columns start narrow and widen when a value does not fit (columns.ts): times and counts are small whole numbers.
 * The four fields a decision usually does not carry (delayMs, cost, nowMs, arrivalMs) get a column only once some
 * decision needs one; until then every decision has the default (no delay, cost 1, nowMs and arrivalMs = tMs).
 * A run without latency, skew, costs or a leaky bucket so keeps 17 bytes per decision.
 */
export class DecisionColumns {
  length = 0;
  tMs: Column = new Int32Array(0);
  client: Column;
  replica: Column = new Uint8Array(0);
  attempt: Column = new Uint8Array(0);
  flags = new Uint8Array(0);
  remaining: Column = new Int32Array(0);
  retryAfterMs: Column = new Int32Array(0);
  delayMs: Float64Array | undefined;
  cost: Float64Array | undefined;
  nowMs: Float64Array | undefined;
  arrivalMs: Float64Array | undefined;
  readonly details: Details | undefined;
  /** Whether any optional column exists (then every decision writes its optional fields). */
  private optionals = false;
  /** Whether the decisions are in time order (tracked while pushing, so nobody has to scan a million times for it). */
  inOrder = true;
  private lastTMs = -Infinity;

  constructor(
    /** Every client of the scenario, by index; the client column holds these indices. */
    readonly clients: readonly DecisionClient[],
    detail: boolean,
    /** Decisions expected: room for them is made at once, since growing copies every column. */
    capacity = 1024,
  ) {
    this.client = clients.length <= 0x10000 ? new Uint16Array(0) : new Int32Array(0);
    this.details = detail ? { explanation: [], before: [], after: [] } : undefined;
    this.resize(Math.max(16, capacity));
  }

  /**
   * Appends one decision (without details). Kept small, with the rare cases (a value that widens its column, the
   * optional fields) in methods of their own, so the engine's hot loop can inline it.
   */
  push(tMs: number, client: number, replica: number, attempt: number, nowMs: number, arrivalMs: number, cost: number, d: DecisionNumbers, fallback?: FallbackKind, reason?: FallbackReason): void {
    const i = this.length;
    if (i === this.flags.length) this.resize(i * 2);
    // Each store is checked by reading it back; a value the column could not hold widens that column.
    const t = this.tMs;
    t[i] = tMs;
    if (lost(t[i] as number, tMs)) this.widenAt('tMs', i, tMs);
    if (tMs < this.lastTMs) this.inOrder = false;
    this.lastTMs = tMs;
    this.client[i] = client;
    const r = this.replica;
    r[i] = replica;
    if (lost(r[i] as number, replica)) this.widenAt('replica', i, replica);
    const a = this.attempt;
    a[i] = attempt;
    if (lost(a[i] as number, attempt)) this.widenAt('attempt', i, attempt);
    const rem = this.remaining;
    rem[i] = d.remaining;
    if (lost(rem[i] as number, d.remaining)) this.widenAt('remaining', i, d.remaining);
    const wait = this.retryAfterMs;
    wait[i] = d.retryAfterMs;
    if (lost(wait[i] as number, d.retryAfterMs)) this.widenAt('retryAfterMs', i, d.retryAfterMs);
    let flags = d.allowed ? ALLOWED : 0;
    if (d.delayMs !== undefined || cost !== 1 || nowMs !== tMs || arrivalMs !== tMs || this.optionals)
      flags |= this.pushOptional(i, tMs, nowMs, arrivalMs, cost, d.delayMs);
    if (fallback !== undefined) flags |= fallbackFlags(fallback, reason);
    this.flags[i] = flags;
    this.length = i + 1;
  }

  /** Replaces column `name` by a wider copy that holds `v`, and stores `v` at `i`. */
  private widenAt(name: 'tMs' | 'replica' | 'attempt' | 'remaining' | 'retryAfterMs', i: number, v: number): void {
    const col = widen(this[name], i, v);
    col[i] = v;
    this[name] = col;
  }

  /** Stores the optional fields of decision `i` (creating their columns when first needed); returns its flag bits. */
  private pushOptional(i: number, tMs: number, nowMs: number, arrivalMs: number, cost: number, delayMs: number | undefined): number {
    this.optionals = true;
    if (cost !== 1 || this.cost) (this.cost ??= this.optional(1))[i] = cost;
    if (nowMs !== tMs || this.nowMs) (this.nowMs ??= this.optional(this.tMs))[i] = nowMs;
    if (arrivalMs !== tMs || this.arrivalMs) (this.arrivalMs ??= this.optional(this.tMs))[i] = arrivalMs;
    if (delayMs === undefined) return 0;
    (this.delayMs ??= this.optional(0))[i] = delayMs;
    return HAS_DELAY;
  }

  /** A new optional column, holding the default for the decisions recorded so far: a constant, or tMs's values. */
  private optional(fill: number | Column): Float64Array {
    const col = new Float64Array(this.flags.length);
    if (typeof fill === 'number') col.fill(fill, 0, this.length);
    else col.set(fill.subarray(0, this.length));
    return col;
  }

  /** Adds the details of the decision just pushed (full-detail runs only). */
  pushDetails(explanation: string | undefined, before: Record<string, number>, after: Record<string, number>): void {
    const details = this.details as Details;
    details.explanation.push(explanation);
    details.before.push(before);
    details.after.push(after);
  }

  allowed(i: number): boolean {
    return ((this.flags[i] as number) & ALLOWED) !== 0;
  }

  fallback(i: number): FallbackKind | undefined {
    return fallbackOf(this.flags[i] as number);
  }

  /**
   * Puts the decisions in time order (ties keep recording order). The engine records a decision when the replica
   * learns it; with latency that is not always the order of decision times. Already sorted (no latency): no work.
   */
  sortByTime(): void {
    if (this.inOrder) return;
    const t = this.tMs;
    const order = Array.from({ length: this.length }, (_, j) => j).sort((a, b) => (t[a] as number) - (t[b] as number) || a - b);
    this.permute(order);
    this.inOrder = true;
    this.lastTMs = this.length > 0 ? (this.tMs[this.length - 1] as number) : -Infinity;
  }

  /** Rebuilds every column so that new position `j` holds old decision `order[j]`. */
  private permute(order: number[]): void {
    this.eachColumn((col) => permuted(col, order));
    const d = this.details;
    if (!d) return;
    const pick = <T>(list: T[]) => order.map((j) => list[j] as T);
    d.explanation = pick(d.explanation);
    d.before = pick(d.before);
    d.after = pick(d.after);
  }

  /** Grows (or first allocates) every column to `capacity` entries, keeping what was recorded. */
  private resize(capacity: number): void {
    this.eachColumn((col) => resized(col, this.length, capacity));
  }

  /** Replaces each column that exists by `fn` of it. */
  private eachColumn(fn: (col: Column) => Column): void {
    const self = this as unknown as Record<(typeof COLUMNS)[number], Column | undefined>;
    for (const name of COLUMNS) {
      const col = self[name];
      if (col) self[name] = fn(col);
    }
  }
}

