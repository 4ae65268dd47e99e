import { describe, expect, it } from 'vitest';
import type { TraceDecision } from '../state/types';
import { responseHeaders } from './headers';

const base: TraceDecision = { tMs: 0, client: 'a', key: 'a', replica: 0, attempt: 1, allowed: true, remaining: 4, limit: 5, retryAfterMs: 0, resetMs: 200 };

describe('responseHeaders', () => {
  it('describes an allowed request without Retry-After', () => {
    expect(responseHeaders('fw', base, 5, 1000)).toEqual([
      ['Status', '200 OK'],
      ['RateLimit-Policy', '"fw";q=5;w=1'],
      ['RateLimit', '"fw";r=4;t=1'],
    ]);
  });

  it('rounds Retry-After up to whole seconds on a refusal', () => {
    const h = responseHeaders('tb', { ...base, allowed: false, remaining: 0, retryAfterMs: 1500, resetMs: 2500 }, 5, null);
    expect(h).toContainEqual(['Status', '429 Too Many Requests']);
    expect(h).toContainEqual(['RateLimit-Policy', '"tb";q=5']);
    expect(h).toContainEqual(['RateLimit', '"tb";r=0;t=3']);
    expect(h).toContainEqual(['Retry-After', '2']);
  });

  it('uses the wait as the reset when the trace has no reset time, and omits t when nothing says', () => {
    const { resetMs: _unused, limit: _l, ...bare } = base;
    expect(responseHeaders('g', { ...bare, allowed: false, remaining: 0, retryAfterMs: 300 }, 2, null)).toContainEqual(['RateLimit', '"g";r=0;t=1']);
    expect(responseHeaders('g', bare, 2, null)).toContainEqual(['RateLimit', '"g";r=4']);
  });
});
