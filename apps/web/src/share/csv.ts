import type { TraceView } from '../state/types';

/** Callers with a columnar trace pass toTraceJson(trace). */

export const CSV_COLUMNS = [
  'limiter', 'index', 'tMs', 'client', 'key', 'replica', 'attempt', 'allowed', 'remaining', 'retryAfterMs', 'delayMs', 'fallback', 'explanation',
] as const;

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  // RFC 4180: quote fields holding a comma, quote or line break, doubling inner quotes.
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per decision, limiters one after another, in decision order. */
export function traceToCsv(trace: TraceView): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const l of trace.limiters) {
    l.decisions.forEach((d, i) => {
      rows.push(
        [l.id, i, d.tMs, d.client, d.key, d.replica, d.attempt, d.allowed, d.remaining, d.retryAfterMs, d.delayMs, d.fallback, d.explanation]
          .map(cell)
          .join(','),
      );
    });
  }
  return rows.join('\r\n') + '\r\n';
}
