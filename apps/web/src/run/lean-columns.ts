import type { DecisionColumnsView } from '@ratelab/sim';
import type { TraceLimiter } from '../state/types';
import type { LimiterColumns } from './columns';
import { FALLBACKS, orNaN, type Interner } from './encoding';

/**
 * A limiter's LimiterColumns read from the simulator's own columns (decisionColumns), without one object per
 * decision: for a 10,000-request run with four limiters that is 40,000 records the worker no longer builds only to
 * take apart again. The result equals the record path of columns.ts field for field, strings table included: each
 * string is interned at the same decision, in the same order (client, key, fallback reason), so the table's order
 * is the same too (columns.test.ts checks this on every built-in scenario).
 */
export function columnsFromView(l: TraceLimiter, view: DecisionColumnsView, table: Interner): LimiterColumns {
  const n = view.length;
  const c: LimiterColumns = {
    id: l.id, algorithm: l.algorithm ?? '', rule: l.rule, summary: l.summary, n,
    tMs: new Float64Array(view.tMs), allowed: new Uint8Array(n), remaining: new Float64Array(view.remaining), retryAfterMs: new Float64Array(view.retryAfterMs),
    delayMs: new Float64Array(n), cost: new Float64Array(n), nowMs: new Float64Array(n), arrivalMs: new Float64Array(n),
    attempt: new Int32Array(view.attempt), replica: new Int32Array(view.replica), client: new Int32Array(n), key: new Int32Array(n),
    fallback: new Int8Array(n), fallbackReason: new Int32Array(n), detail: null,
  };
  const intern = table();
  // The string indices of each client's id and key, found the first time the client appears (-1: not yet).
  const idOf = new Int32Array(view.clients.length).fill(-1);
  const keyOf = new Int32Array(view.clients.length).fill(-1);
  for (let i = 0; i < n; i++) {
    const ci = view.client[i]!;
    if (idOf[ci]! < 0) {
      const client = view.clients[ci]!;
      idOf[ci] = intern(client.id);
      keyOf[ci] = intern(client.key);
    }
    c.client[i] = idOf[ci]!;
    c.key[i] = keyOf[ci]!;
    c.allowed[i] = view.allowed(i) ? 1 : 0;
    c.delayMs[i] = orNaN(view.delayMs(i));
    c.cost[i] = orNaN(view.cost(i));
    c.nowMs[i] = orNaN(view.nowMs(i));
    c.arrivalMs[i] = orNaN(view.arrivalMs(i));
    const fallback = view.fallback(i);
    c.fallback[i] = fallback ? FALLBACKS.indexOf(fallback) : -1;
    c.fallbackReason[i] = fallback ? intern(view.fallbackReason(i)) : -1;
  }
  return c;
}
