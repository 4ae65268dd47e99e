import { describe, expect, it } from 'vitest';
import type { LiveDecision } from '../../live/decision-source.js';
import { policyWindowSeconds, rateLimitHeaders } from './headers.js';

const decision = (over: Partial<LiveDecision>): LiveDecision => ({
  allowed: true, remaining: 4, limit: 5, retryAfterMs: 0, resetMs: 1200, rule: 'api', key: 'k', cost: 1, source: 'redis', ...over,
});

describe('rate-limit headers (draft-ietf-httpapi-ratelimit-headers, structured fields)', () => {
  it('writes policy and remaining quota from one decision', () => {
    const rule = { id: 'api', algorithm: 'fixed-window' as const, limit: 5, windowMs: 60_000 };
    expect(rateLimitHeaders(rule, decision({}))).toEqual({ 'RateLimit-Policy': '"api";q=5;w=60', RateLimit: '"api";r=4;t=2' });
  });
  it('adds Retry-After in whole seconds, rounded up, when blocked', () => {
    const rule = { id: 'api', algorithm: 'token-bucket' as const, capacity: 5, refillPerSecond: 2 };
    const h = rateLimitHeaders(rule, decision({ allowed: false, remaining: 0, retryAfterMs: 1, resetMs: 2500 }));
    expect(h).toEqual({ 'RateLimit-Policy': '"api";q=5;w=3', RateLimit: '"api";r=0;t=3', 'Retry-After': '1' });
  });
  it('omits RateLimit when the allow fallback decided without any count', () => {
    const rule = { id: 'api', algorithm: 'gcra' as const, ratePerSecond: 0.5, burst: 2 };
    expect(rateLimitHeaders(rule, decision({ source: 'allow' }))).toEqual({ 'RateLimit-Policy': '"api";q=5;w=4' });
  });
  it('policy windows are at least one second', () => {
    expect(policyWindowSeconds({ algorithm: 'sliding-counter', limit: 1, windowMs: 10 })).toBe(1);
    expect(policyWindowSeconds({ algorithm: 'leaky-bucket', capacity: 3, leakPerSecond: 2 })).toBe(2);
  });
});
