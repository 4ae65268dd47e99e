import type { Trace, TraceLimiter } from '../trace/types.js';

const BARS = ' ▁▂▃▄▅▆▇█';

/** A one-line bar chart of `values` squeezed into `width` columns (each column the sum of its buckets). */
export function sparkline(values: number[], width: number, max?: number): string {
  const cols = Math.max(1, Math.min(width, values.length));
  const sums = new Array<number>(cols).fill(0);
  values.forEach((v, i) => {
    const c = Math.min(cols - 1, Math.floor((i * cols) / values.length));
    sums[c] = (sums[c] as number) + v;
  });
  const top = max ?? Math.max(1, ...sums);
  return sums.map((v) => (v === 0 ? BARS[0] : BARS[Math.max(1, Math.round((v / top) * (BARS.length - 1)))])).join('');
}

function pad(cells: string[][]): string {
  const widths = (cells[0] as string[]).map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  return cells.map((row) => row.map((cell, c) => cell.padEnd(widths[c] as number)).join('  ').trimEnd()).join('\n');
}

function params(l: TraceLimiter): string {
  const { algorithm: _a, ...rest } = l.rule as Record<string, unknown>;
  return Object.entries(rest)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

/** The readable report the CLI prints without --json: one block per limiter with a table and a small chart. */
export function formatTrace(trace: Trace, width = 60): string {
  const out: string[] = [];
  out.push(`${trace.title}  [${trace.scenario ?? 'unnamed'}, engine ${trace.engine}, seed ${trace.seed}, ${trace.durationMs} ms]`);
  if (trace.truncated) out.push('(stopped early: the decision limit was reached)');
  for (const l of trace.limiters) {
    const s = l.summary;
    out.push('');
    out.push(`== ${l.id}: ${l.algorithm} ${params(l)}  (clock ${l.clock}, on Redis down: ${l.resilience.onRedisDown})`);
    out.push(
      pad([
        ['requests', 'allowed', 'blocked', `max allowed in ${s.windowMs} ms`, 'ideal log', 'beyond ideal', 'fallbacks a/d/l', 'recovery max/mean'],
        [
          String(s.requests),
          String(s.allowed),
          String(s.blocked),
          String(s.maxAllowedInAnyWindow),
          String(s.idealAllowed),
          String(s.admittedBeyondIdeal),
          `${s.fallbacks.allow}/${s.fallbacks.deny}/${s.fallbacks.local}`,
          `${s.recovery.maxMs}/${s.recovery.meanMs} ms`,
        ],
      ]),
    );
    const clients = Object.entries(s.clients);
    if (clients.length <= 12) {
      out.push(
        pad([
          ['  client', 'requests', 'allowed', 'blocked', 'retries', 'longest blocked'],
          ...clients.map(([id, c]) => [`  ${id}`, String(c.requests), String(c.allowed), String(c.blocked), String(c.retries), `${c.maxRecoveryMs} ms`]),
        ]),
      );
    } else {
      out.push(`  (${clients.length} clients; use --json for per-client counts)`);
    }
    const top = Math.max(1, ...s.series.allowed.map((a, i) => a + (s.series.blocked[i] as number)));
    out.push(`  allowed |${sparkline(s.series.allowed, width, top)}|`);
    out.push(`  blocked |${sparkline(s.series.blocked, width, top)}|`);
    out.push(`          0 ms${' '.repeat(Math.max(1, Math.min(width, s.series.allowed.length) - 8 - String(trace.durationMs).length))}${trace.durationMs} ms`);
    const transitions = trace.breaker.filter((t) => t.limiter === l.id);
    if (transitions.length > 0) {
      out.push(`  breaker: ${transitions.slice(0, 12).map((t) => `${t.tMs}ms r${t.replica} ${t.from}->${t.to}`).join(', ')}${transitions.length > 12 ? ', ...' : ''}`);
    }
  }
  return out.join('\n');
}
