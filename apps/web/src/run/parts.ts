import type { TraceData } from './columns';

// A scenario's limiters share the traffic but never each other's state, so the simulator can run them in separate
// workers (RunOptions.limiterRange) and the page joins the parts. On a two-core laptop that nearly halves the time
// from an edit to its new run when four limiters are compared.

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
    const renumber = remap.some((to, from) => to !== from);
    for (const l of part.limiters) {
      if (renumber)
        for (const column of [l.client, l.key, l.fallbackReason])
          for (let i = 0; i < column.length; i++) if ((column[i] as number) >= 0) column[i] = remap[column[i] as number] as number;
      limiters.push(l);
    }
    breaker.push(...part.breaker);
  }
  const details = parts.map((p) => p.detail);
  const detail = details.includes('pending') ? 'pending' : details.includes('lean') ? 'lean' : 'full';
  return {
    ...first,
    detail,
    truncated: parts.some((p) => p.truncated),
    strings,
    // While the joined run waits for its detail, no limiter shows any: a part small enough to bring its own would
    // otherwise show explanations for some limiters and not others until the detail worker answers for all.
    limiters: detail === 'pending' ? limiters.map((l) => ({ ...l, detail: null })) : limiters,
    breaker,
  };
}
