import { quotaWindowMs, type Rule } from '../rules.js';

/** Slack added to every TTL so a key never expires a moment before its state would have become neutral. */
const TTL_SLACK_MS = 1000;
/** The longest TTL set, to keep the PEXPIRE argument in range whatever the rule. */
const MAX_TTL_MS = 1e15;

/**
 * How long a key's state matters: after this long without traffic it is equivalent to a key never seen
 * (bucket full, queue drained, window passed), so Redis may drop it. Replays on virtual time pass a longer
 * TTL instead, because their virtual clock runs at a different speed than Redis's real one.
 */
export function defaultTtlMs(rule: Rule): number {
  // The sliding counter still weighs the previous window during the current one, so its state matters for two.
  const ms = rule.algorithm === 'sliding-counter' ? 2 * rule.windowMs : quotaWindowMs(rule);
  return Math.min(MAX_TTL_MS, ms + TTL_SLACK_MS);
}
