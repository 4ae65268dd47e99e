import type { LimiterColumns, TraceData } from './columns';

// A scenario's limiters share the traffic but never each other's state, so the simulator can run them in separate
// workers (RunOptions.limiterRange) and the page joins the parts, and an edit of one limiter's rule can re-run that
// limiter alone and splice it into the run on screen. On the two-core test machine the split took the simulation of
// a 10,000-request, four-limiter edit from a median of 24-28 ms to 19-21 ms; a single limiter's re-run takes about
// 9 ms (docs/playground.md). More cores gain more from the split.

/** Contiguous, nearly equal ranges [from, to) of `count` limiters for at most `lanes` workers; empty for none. */
export function splitLimiters(count: number, lanes: number): [number, number][] {
  const parts = Math.max(1, Math.min(count, Math.floor(lanes)));
  const ranges: [number, number][] = [];
  for (let p = 0, from = 0; p < parts && from < count; p++) {
    const to = from + Math.ceil((count - from) / (parts - p));
    ranges.push([from, to]);
    from = to;
  }
  return ranges;
}

/**
 * The trace of the whole run from its parts, in limiter order: exactly what one worker running every limiter gives
 * (columns.ts), strings table included. Each part interned its own strings in first-appearance order; adding a
 * later part's table, in its order, to the joined one appends what is new in the same order the whole run would have,
 * and the later part's indices are rewritten in place (its arrays were transferred to this page and are its own).
 */
export function joinParts(parts: TraceData[]): TraceData {
  const [first, ...rest] = parts;
  if (!first) throw new RangeError('joinParts needs at least one part');
  if (rest.length === 0) return first;
  const strings = [...first.strings];
  const index = new Map(strings.map((s, i) => [s, i]));
  const limiters = [...first.limiters];
  const breaker = [...first.breaker];
  for (const part of rest) {
    adoptStrings(strings, index, part);
    limiters.push(...part.limiters);
    breaker.push(...part.breaker);
  }
  return withDetail({ ...first, truncated: parts.some((p) => p.truncated), strings, limiters, breaker }, parts);
}

/**
 * Adds `part`'s interned strings to the table `strings` (with its `index`), in the part's order, and rewrites the
 * part's string columns to the table's numbering, in place (its arrays were transferred to this page and are its own).
 */
function adoptStrings(strings: string[], index: Map<string, number>, part: TraceData): void {
  const remap = part.strings.map((s) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  });
  // Usually every part meets the clients in the same order and the numbering is already the same.
  if (remap.every((to, from) => to === from)) return;
  for (const l of part.limiters)
    for (const column of [l.client, l.key, l.fallbackReason])
      for (let i = 0; i < column.length; i++) if ((column[i] as number) >= 0) column[i] = remap[column[i] as number] as number;
}

/**
 * The trace's detail state from its parts': pending while any part waits for its detail, and then no limiter shows
 * any (a part small enough to bring its own would otherwise show explanations for some limiters and not others until
 * the detail worker answers for all); lean when any part is lean; otherwise full.
 */
function withDetail(trace: TraceData, parts: TraceData[]): TraceData {
  const details = parts.map((p) => p.detail);
  const detail = details.includes('pending') ? 'pending' : details.includes('lean') ? 'lean' : 'full';
  return { ...trace, detail, limiters: detail === 'pending' ? trace.limiters.map((l) => ({ ...l, detail: null })) : trace.limiters };
}

/**
 * The one limiter whose rule is all that differs between two scenario documents, or -1 (anything else changed, or
 * more than one limiter, or the lists differ in length). Compared as JSON, so a reordered key counts as a change:
 * the answer may be -1 when it need not be, never an index when it should be -1.
 */
export function changedLimiter(before: unknown, after: unknown): number {
  const a = (before ?? {}) as { limiters?: unknown };
  const b = (after ?? {}) as { limiters?: unknown };
  if (!Array.isArray(a.limiters) || !Array.isArray(b.limiters) || a.limiters.length !== b.limiters.length) return -1;
  const changed = a.limiters.flatMap((l, i) => (JSON.stringify(l) === JSON.stringify((b.limiters as unknown[])[i]) ? [] : [i]));
  if (changed.length !== 1) return -1;
  return JSON.stringify({ ...a, limiters: null }) === JSON.stringify({ ...b, limiters: null }) ? (changed[0] as number) : -1;
}

/**
 * `base` with limiter `i` replaced by the only limiter of `part`, a run of the same scenario but for that limiter's
 * rule (limiterRange [i, i + 1]). A limiter never sees the others, so the other limiters' decisions, summaries and
 * breaker transitions are still exactly right. The strings table keeps the base's numbering and adds the part's new
 * strings after it; the decoded trace equals a whole run's (parts.test.ts), though the table's order may differ.
 */
export function spliceLimiter(base: TraceData, i: number, part: TraceData): TraceData {
  const old = base.limiters[i];
  if (!old || part.limiters.length !== 1) throw new RangeError(`spliceLimiter: no limiter ${i} to replace, or the part has ${part.limiters.length} limiters`);
  const strings = [...base.strings];
  adoptStrings(strings, new Map(strings.map((s, k) => [s, k])), part);
  const limiters = base.limiters.map((l, k) => (k === i ? (part.limiters[0] as LimiterColumns) : l));
  // Transitions are listed limiter by limiter, in limiter order; ids are unique within a scenario.
  const breaker = base.limiters.flatMap((l, k) => (k === i ? part.breaker : base.breaker.filter((t) => t.limiter === l.id)));
  return withDetail({ ...base, strings, limiters, breaker }, [base, part]);
}
