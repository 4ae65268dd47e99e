import type { TraceDecision } from '../state/types';

/**
 * The response headers a server applying this decision would send, in the form of the IETF RateLimit header fields
 * draft (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy` names the quota and its window, `RateLimit` the
 * remaining units and the seconds until the quota resets, and `Retry-After` (RFC 9110, whole seconds, rounded up)
 * appears only on a refusal. Seconds are rounded up so a client that waits that long is never refused again early.
 */
export function responseHeaders(policyName: string, d: TraceDecision, limit: number | null, windowMs: number | null): [string, string][] {
  const name = JSON.stringify(policyName);
  const quota = limit ?? d.limit;
  const policy = [name, quota !== undefined ? `q=${quota}` : null, windowMs !== null ? `w=${Math.max(1, Math.ceil(windowMs / 1000))}` : null]
    .filter(Boolean)
    .join(';');
  // `t` (seconds until the quota frees up) is sent when the decision says: the reset time, or on a refusal the wait.
  const resetMs = d.resetMs ?? (d.allowed ? undefined : d.retryAfterMs);
  const rate = resetMs === undefined ? `${name};r=${Math.max(0, d.remaining)}` : `${name};r=${Math.max(0, d.remaining)};t=${Math.ceil(resetMs / 1000)}`;
  const headers: [string, string][] = [
    ['Status', d.allowed ? '200 OK' : '429 Too Many Requests'],
    ['RateLimit-Policy', policy],
    ['RateLimit', rate],
  ];
  if (!d.allowed) headers.push(['Retry-After', String(Math.max(1, Math.ceil(d.retryAfterMs / 1000)))]);
  return headers;
}
