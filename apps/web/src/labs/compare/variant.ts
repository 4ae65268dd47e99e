import type { Scenario } from '@ratelab/sim';

/** The parameter that sets how much each algorithm admits, the one a deliberate variant changes. */
const LIMIT_PARAM: Record<string, string> = {
  'token-bucket': 'capacity',
  'token-bucket-naive': 'capacity',
  'leaky-bucket': 'capacity',
  'fixed-window': 'limit',
  'sliding-log': 'limit',
  'sliding-counter': 'limit',
  gcra: 'burst',
};

/** A copy of the scenario whose first limiter admits one unit less (or one more when it is already 1). */
export function limitVariant(scenario: Scenario): { scenario: Scenario; label: string } {
  const copy = structuredClone(scenario);
  const limiter = copy.limiters[0] as unknown as Record<string, number | string>;
  const param = LIMIT_PARAM[String(limiter.algorithm)] ?? 'limit';
  const old = Number(limiter[param]);
  const next = old > 1 ? old - 1 : old + 1;
  limiter[param] = next;
  return { scenario: copy, label: `${String(limiter.id)}.${param} ${old} → ${next}` };
}
