import type { Decision, Rule } from '@ratelab/algorithms';

const n1 = (x: number | undefined) => (x === undefined ? '?' : (Math.round(x * 10) / 10).toFixed(1));
const plural = (x: number, word: string) => `${x} ${word}${x === 1 ? '' : 's'}`;

/**
 * One plain-language line for a decision the algorithm made, built from the decision and the state after it, so
 * the UI and screen readers can say why ("blocked: 0.4 tokens left, next token in 600 ms").
 */
export function explainDecision(rule: Rule, d: Decision, after: Record<string, number>, cost: number): string {
  const wait = `retry in ${d.retryAfterMs} ms`;
  switch (rule.algorithm) {
    case 'token-bucket':
    case 'token-bucket-naive': {
      const naive = rule.algorithm === 'token-bucket-naive' ? ' (naive read-decide-write)' : '';
      const left = `${n1(after.tokens)} tokens left`;
      if (d.allowed) return `allowed: spent ${plural(cost, 'token')}, ${left}${naive}`;
      return `blocked: ${left}, ${cost === 1 ? 'next token' : `${cost} tokens`} in ${d.retryAfterMs} ms${naive}`;
    }
    case 'leaky-bucket':
      if (d.allowed) return `allowed: queued behind level ${n1((after.level ?? 0) - cost)} of ${rule.capacity}, waits ${d.delayMs ?? 0} ms`;
      return `blocked: queue full (level ${n1(after.level)} of ${rule.capacity}), room in ${d.retryAfterMs} ms`;
    case 'fixed-window':
      if (d.allowed) return `allowed: ${after.count} of ${rule.limit} used in this ${rule.windowMs} ms window`;
      return `blocked: window full (${after.count} of ${rule.limit}), next window in ${d.retryAfterMs} ms`;
    case 'sliding-log': {
      const logged = `${after.logged} of ${rule.limit} in the last ${rule.windowMs} ms`;
      if (d.allowed) return `allowed: ${logged}`;
      const punished = rule.countRejected ? ' (this rejected request was logged too)' : '';
      return `blocked: ${logged}, room when the oldest entry leaves in ${d.retryAfterMs} ms${punished}`;
    }
    case 'sliding-counter':
      if (d.allowed) return `allowed: estimate now ${n1(after.estimate)} of ${rule.limit} (${after.current} in this window, ${after.previous} in the last one weighted by its overlap)`;
      return `blocked: estimate ${n1(after.estimate)} + ${cost} is over ${rule.limit}, fits in ${d.retryAfterMs} ms`;
    case 'gcra':
      if (d.allowed) return `allowed: theoretical arrival time ${Math.round(after.aheadMs ?? 0)} ms ahead, ${d.remaining} more fit now`;
      return `blocked: theoretical arrival time ${Math.round(after.aheadMs ?? 0)} ms ahead, ${wait}`;
  }
}

/** The line for a decision `onRedisDown` made. */
export function explainFallback(
  mode: 'allow' | 'deny' | 'local',
  reason: 'redis-error' | 'breaker-open',
  replica: number,
  inner?: string,
): string {
  const why = reason === 'breaker-open' ? 'breaker open, Redis not called' : 'Redis call failed';
  if (mode === 'allow') return `allowed without Redis (${why}): fail-open`;
  if (mode === 'deny') return `blocked without Redis (${why}): fail-closed`;
  return `${why}; replica ${replica}'s local limiter decided: ${inner ?? ''}`;
}
