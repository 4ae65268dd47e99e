import type { FallbackReason } from './types.js';

// The flags column of DecisionColumns: one byte holds a decision's boolean and its two small enums.
// Bit 0: allowed. Bit 1: the decision has a delayMs. Bits 2-3: fallback (0 none). Bits 4-5: fallback reason (0 none).
export const ALLOWED = 1;
export const HAS_DELAY = 2;
const FALLBACK_SHIFT = 2;
const REASON_SHIFT = 4;
const FALLBACKS = [undefined, 'allow', 'deny', 'local'] as const;
const REASONS = [undefined, 'redis-error', 'breaker-open'] as const;

export type FallbackKind = Exclude<(typeof FALLBACKS)[number], undefined>;

/** The flag bits of a fallback decision. */
export function fallbackFlags(fallback: FallbackKind, reason: FallbackReason | undefined): number {
  return (FALLBACKS.indexOf(fallback) << FALLBACK_SHIFT) | ((reason === undefined ? 0 : REASONS.indexOf(reason)) << REASON_SHIFT);
}

export function fallbackOf(flags: number): FallbackKind | undefined {
  return FALLBACKS[(flags >> FALLBACK_SHIFT) & 3];
}

export function reasonOf(flags: number): FallbackReason | undefined {
  return REASONS[(flags >> REASON_SHIFT) & 3];
}
