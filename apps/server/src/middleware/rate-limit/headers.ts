import { quotaWindowMs, type Rule } from '@ratelab/algorithms';
import type { LiveDecision } from '../../live/decision-source.js';

/**
 * The rule's quota window in whole seconds for `RateLimit-Policy`'s `w`: the window of the window algorithms,
 * and for the buckets and GCRA the time to refill from empty to full (at least 1 s, as the field is an integer).
 */
export function policyWindowSeconds(rule: Rule): number {
  return Math.max(1, Math.ceil(quotaWindowMs(rule) / 1000));
}

/** A Structured Field String (RFC 8941 §3.3.3): quoted, with `\` and `"` escaped. Rule ids are already plain. */
const sfString = (s: string) => `"${s.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;

/**
 * The headers of draft-ietf-httpapi-ratelimit-headers (structured field form), all from one decision:
 *   RateLimit-Policy: "demo";q=10;w=5
 *   RateLimit: "demo";r=3;t=2
 *   Retry-After: 1            (only when blocked; whole seconds, rounded up)
 * `t` is the seconds until the quota is fully restored (`resetMs`, rounded up). When the decision came from the
 * `allow` fallback no count was consulted, so `RateLimit` is omitted rather than invented.
 */
export function rateLimitHeaders(rule: Rule & { id: string }, decision: LiveDecision): Record<string, string> {
  const name = sfString(rule.id);
  const headers: Record<string, string> = {
    'RateLimit-Policy': `${name};q=${decision.limit};w=${policyWindowSeconds(rule)}`,
  };
  if (decision.source !== 'allow') {
    headers.RateLimit = `${name};r=${decision.remaining};t=${Math.ceil(decision.resetMs / 1000)}`;
  }
  if (!decision.allowed) headers['Retry-After'] = String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
  return headers;
}
