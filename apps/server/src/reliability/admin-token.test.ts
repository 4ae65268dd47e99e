// The admin token is compared in constant time: every request that carries an Authorization header, whatever its
// length, reaches crypto.timingSafeEqual with two equal-length SHA-256 digests, and no other comparison decides.
// node:crypto is wrapped (not replaced) for this file only, so the real functions still do the work.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN, put, startTestServer, type TestServer } from '../test-support/harness.js';
import { writeFigures } from './test-support/processes.js';

const spy = vi.hoisted(() => ({ calls: [] as [number, number][] }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    default: real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      spy.calls.push([a.byteLength, b.byteLength]);
      return real.timingSafeEqual(a, b);
    },
  };
});

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('admin token comparison', () => {
  it('every presented token, of any length, is compared with timingSafeEqual on 32-byte digests', async () => {
    // (A header with no token at all is refused by its shape, before any comparison: it reveals nothing.)
    const tokens = ['a', ADMIN.slice(0, 5), `${ADMIN}${ADMIN}`, 'z'.repeat(4096), ADMIN];
    const statuses: number[] = [];
    for (const t of tokens) {
      spy.calls.length = 0;
      const res = await s.app.request('/v1/rules/timing', put({ algorithm: 'fixed-window', limit: 1, windowMs: 1000 }, { Authorization: `Bearer ${t}` }));
      statuses.push(res.status);
      expect(spy.calls, `token of length ${t.length}`).toEqual([[32, 32]]);
    }
    expect(statuses).toEqual([403, 403, 403, 403, 200]);
    writeFigures('server-admin-token', { tokensCompared: tokens.length, digestBytes: 32 });
  });
});
