import { describe, expect, it } from 'vitest';
import { traceToCsv } from './csv';

describe('traceToCsv', () => {
  it('writes a header and one quoted-when-needed row per decision', () => {
    const csv = traceToCsv({
      format: 1, engine: 'sim', seed: 1,
      limiters: [{ id: 'fw', decisions: [
        { tMs: 5, client: 'a,b', key: 'k', replica: 0, attempt: 1, allowed: false, remaining: 0, retryAfterMs: 10, explanation: 'said "no"' },
      ], summary: { requests: 1, allowed: 0, blocked: 1, maxAllowedInAnyWindow: 0 } }],
    });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^limiter,index,tMs/);
    expect(lines[1]).toBe('fw,0,5,"a,b",k,0,1,false,0,10,,,"said ""no"""');
  });
});
