// How LimiterColumns hold their string fields: client, key and fallback reason as indices into the trace's interned
// strings table, the fallback as an index into FALLBACKS. Shared by both ways of building columns (columns.ts,
// lean-columns.ts), which must give the same table in the same order.

export const FALLBACKS = ['allow', 'deny', 'local'] as const;

/** An optional number field as a column value: NaN where the decision has no such field. */
export const orNaN = (v: number | undefined): number => (v === undefined ? Number.NaN : v);

/**
 * Interns strings into `strings`. Each call of the returned function gives one interning function over the same
 * table, remembering its previous answer: consecutive decisions usually share a client (and a key), so one lookup
 * function per column checks that before the map.
 */
export function interner(strings: string[]) {
  const index = new Map<string, number>();
  return () => {
    let last: string | undefined;
    let lastIndex = -1;
    return (s: string | undefined): number => {
      if (s === undefined) return -1;
      if (s === last) return lastIndex;
      let i = index.get(s);
      if (i === undefined) {
        i = strings.length;
        strings.push(s);
        index.set(s, i);
      }
      last = s;
      lastIndex = i;
      return i;
    };
  };
}

export type Interner = ReturnType<typeof interner>;
