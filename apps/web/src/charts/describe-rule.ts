import { ALGORITHM_LABELS } from '../editor/params';
import type { LimiterJson } from '../state/types';

/** A one-line summary of a rule's parameters, e.g. "10 per 1000 ms" or "capacity 5, refill 2/s". */
export function describeRule(l: LimiterJson): string {
  const n = (k: string) => l[k] as number;
  switch (l.algorithm) {
    case 'token-bucket':
    case 'token-bucket-naive':
      return `capacity ${n('capacity')}, refill ${n('refillPerSecond')}/s`;
    case 'leaky-bucket':
      return `capacity ${n('capacity')}, leak ${n('leakPerSecond')}/s`;
    case 'gcra':
      return `${n('ratePerSecond')}/s, burst ${n('burst')}`;
    default:
      return `${n('limit')} per ${n('windowMs')} ms${l.countRejected ? ', counts rejected' : ''}`;
  }
}

export function algorithmLabel(name: string | undefined): string {
  return (name && ALGORITHM_LABELS[name]) || name || 'unknown algorithm';
}
