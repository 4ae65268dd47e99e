import type { Trace, TraceDecision } from '@ratelab/sim';

/** The decision fields every engine must agree on: the same list compareTraces checks. */
export const DECISION_FIELDS = ['tMs', 'client', 'key', 'replica', 'attempt', 'allowed', 'remaining', 'retryAfterMs', 'delayMs', 'cost', 'nowMs', 'arrivalMs', 'fallback', 'fallbackReason'] as const;

type Field = (typeof DECISION_FIELDS)[number];

export interface Lane {
  id: string;
  label: string;
  trace: Trace;
}

export interface LaneDifference {
  index: number;
  /** Lane id -> the fields in which it differs from the reference lane. */
  fields: Record<string, string[]>;
  explanation: string;
}

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));

function describe(d: TraceDecision | undefined): string {
  if (!d) return 'no decision';
  return `${d.client} at ${d.tMs} ms ${d.allowed ? 'allowed' : 'blocked'}`;
}

/** Every decision index where some lane differs from the first (reference) lane, with a sentence per difference. */
export function laneDifferences(lanes: Lane[], limiterIndex: number): LaneDifference[] {
  const [ref, ...others] = lanes;
  if (!ref) return [];
  const refDecisions = ref.trace.limiters[limiterIndex]?.decisions ?? [];
  const n = Math.max(refDecisions.length, ...others.map((l) => l.trace.limiters[limiterIndex]?.decisions.length ?? 0));
  const out: LaneDifference[] = [];
  for (let i = 0; i < n; i += 1) {
    const a = refDecisions[i];
    const fields: Record<string, string[]> = {};
    const sentences: string[] = [];
    for (const lane of others) {
      const b = lane.trace.limiters[limiterIndex]?.decisions[i];
      const differing: string[] = !a || !b ? ['decision'] : DECISION_FIELDS.filter((f) => a[f] !== b[f]);
      if (differing.length === 0) continue;
      fields[lane.id] = differing;
      const detail = !a || !b
        ? `${ref.label} has ${describe(a)}, ${lane.label} has ${describe(b)}`
        : differing.map((f) => `${f} ${show(a[f as Field])} on ${ref.label} but ${show(b[f as Field])} on ${lane.label}`).join(', ');
      const why = b?.explanation ? ` ${lane.label} says: “${b.explanation}”.` : '';
      const refWhy = a?.explanation ? ` ${ref.label} says: “${a.explanation}”.` : '';
      sentences.push(`${detail}.${refWhy}${why}`);
    }
    if (sentences.length) out.push({ index: i, fields, explanation: `Decision #${i}: ${sentences.join(' ')}` });
  }
  return out;
}
