import { describe, expect, it } from 'vitest';
import { DecisionColumns } from './decision-columns.js';
import { columnsFromRecords, decisionRecords } from './decision-records.js';
import type { TraceDecision } from './types.js';

const base: TraceDecision = { tMs: 0, client: 'a', key: 'a', replica: 0, attempt: 1, allowed: true, remaining: 4, retryAfterMs: 0 };

describe('DecisionColumns', () => {
  it('widens a column for values its narrow type cannot hold, and keeps the earlier values', () => {
    const odd = [2 ** 40, 0.5, -0, -3, 70_000, 300];
    const records = odd.map((v, i): TraceDecision => ({ ...base, tMs: i === 0 ? v : i, replica: i === 5 ? v : 0, attempt: i === 4 ? v : 1, remaining: v, retryAfterMs: v }));
    const back = decisionRecords(columnsFromRecords(records, ['a']));
    expect(back).toEqual(records);
    expect(Object.is(back[2]?.remaining, -0)).toBe(true);
  });

  it('grows past its first capacity and starts optional columns late without changing earlier decisions', () => {
    const cols = new DecisionColumns([{ id: 'a', key: 'a' }], false, 16);
    const d = { allowed: true, remaining: 1, retryAfterMs: 0 };
    for (let i = 0; i < 100; i += 1) cols.push(i, 0, 0, 1, i === 90 ? i + 7 : i, i, i === 95 ? 2 : 1, i === 99 ? { ...d, delayMs: 5 } : d);
    const out = decisionRecords(cols);
    expect(out).toHaveLength(100);
    expect(out.filter((r) => 'nowMs' in r || 'cost' in r || 'delayMs' in r).map((r) => r.tMs)).toEqual([90, 95, 99]);
    expect(out[90]).toMatchObject({ nowMs: 97 });
    expect(out[95]).toMatchObject({ cost: 2 });
    expect(out[99]).toMatchObject({ delayMs: 5 });
  });

  it('sorts by time, ties in recording order, details along', () => {
    const details = { explanation: 'x', stateBefore: {}, stateAfter: {} };
    const shuffled = [9, 0, 5, 5, 0, 12].map((tMs, i): TraceDecision => ({ ...base, tMs, remaining: i, ...details, stateBefore: { i } }));
    const cols = columnsFromRecords(shuffled, ['a']);
    cols.sortByTime();
    const sorted = [...shuffled].sort((x, y) => x.tMs - y.tMs);
    expect(decisionRecords(cols)).toEqual(sorted);
  });
});
