import { describe, expect, it } from 'vitest';
import { commandFor, copyReq, newReq, newScriptCommand, resetReq } from './request.js';

describe('requests', () => {
  it('resetReq starts a new attempt on the reusable request; copyReq gives one that is not affected afterwards', () => {
    const req = resetReq(newReq(), 3, 2, 100, 1, 90);
    expect(req).toMatchObject({ client: 3, attempt: 2, arrivalMs: 100, replica: 1, appNowMs: 90, nowMs: 90, decidedAtMs: 100, step: 'script', tokens: null });
    const kept = copyReq(req);
    resetReq(req, 4, 1, 200, 0, 200);
    expect(kept).toMatchObject({ client: 3, attempt: 2, arrivalMs: 100 });
    expect(Object.keys(kept)).toEqual(Object.keys(req));
  });

  it('commandFor builds the command of each step, reusing the scratch script command only when given one', () => {
    const req = resetReq(newReq(), 0, 1, 10, 0, 12);
    const scratch = newScriptCommand();
    expect(commandFor(req, 'k', 2, 3, scratch)).toBe(scratch);
    expect(scratch).toEqual({ op: 'script', key: 'k', slot: 2, nowMs: 12, cost: 3 });
    expect(commandFor(req, 'k', 2, 3)).not.toBe(scratch);
    req.state = { tokens: 4.5, lastMs: 7 };
    const steps = ['get-tokens', 'get-last', 'set-tokens', 'set-last'] as const;
    expect(steps.map((step) => commandFor({ ...req, step }, 'k', 2, 1))).toEqual([
      { op: 'get', key: 'k', slot: 2, field: 'tokens' },
      { op: 'get', key: 'k', slot: 2, field: 'last' },
      { op: 'set', key: 'k', slot: 2, field: 'tokens', value: 4.5 },
      { op: 'set', key: 'k', slot: 2, field: 'last', value: 7 },
    ]);
    expect(() => commandFor({ ...req, step: 'time' }, 'k', 2, 1)).toThrow();
  });
});
