import { RULE_LIMITS, type Rule } from '@ratelab/algorithms';

/**
 * The share of a rule one process may grant on its own while Redis is unreachable: limits and rates divided by
 * the number of live processes, so that N processes falling back together admit about what the shared limit
 * would have. Counts are floored but never below 1 (one request per process is the least a limit can express),
 * and rates never below the schema's minimum.
 */
export function scaleRule(rule: Rule, processes: number): Rule {
  const n = Math.max(1, Math.floor(processes));
  if (n === 1) return rule;
  const units = (v: number) => Math.max(1, Math.floor(v / n));
  const rate = (v: number) => Math.max(RULE_LIMITS.minRatePerSecond, v / n);
  switch (rule.algorithm) {
    case 'token-bucket':
    case 'token-bucket-naive':
      return { ...rule, capacity: units(rule.capacity), refillPerSecond: rate(rule.refillPerSecond) };
    case 'leaky-bucket':
      return { ...rule, capacity: units(rule.capacity), leakPerSecond: rate(rule.leakPerSecond) };
    case 'gcra':
      return { ...rule, burst: units(rule.burst), ratePerSecond: rate(rule.ratePerSecond) };
    case 'fixed-window':
    case 'sliding-log':
    case 'sliding-counter':
      return { ...rule, limit: units(rule.limit) };
  }
}
