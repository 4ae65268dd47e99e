import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../builtins.js';
import { runScenario } from '../run.js';
import { columnsFromRecords, decisionRecords } from './decision-records.js';
import type { TraceDecision } from './types.js';

/**
 * Records as the engine built them before columns existed: fixed field order, optional fields only when they carry
 * information. Between them they use every optional field, on decisions that are not the first.
 */
const RECORDS: TraceDecision[] = [
  { tMs: 0, client: 'a', key: 'k', replica: 0, attempt: 1, allowed: true, remaining: 4, retryAfterMs: 0 },
  { tMs: 5, client: 'b', key: 'b', replica: 1, attempt: 1, allowed: true, remaining: 3, retryAfterMs: 0, delayMs: 120 },
  { tMs: 5, client: 'a', key: 'k', replica: 2, attempt: 2, allowed: false, remaining: 0, retryAfterMs: 250, cost: 3, nowMs: 605 },
  { tMs: 9, client: 'b', key: 'b', replica: 0, attempt: 1, allowed: false, remaining: 0, retryAfterMs: 0, arrivalMs: 4, fallback: 'deny', fallbackReason: 'breaker-open' },
  { tMs: 12, client: 'a', key: 'k', replica: 3, attempt: 3, allowed: true, remaining: 0, retryAfterMs: 0, nowMs: 0, arrivalMs: 2, fallback: 'local', fallbackReason: 'redis-error' },
  { tMs: 12, client: 'b', key: 'b', replica: 0, attempt: 1, allowed: true, remaining: 2, retryAfterMs: 0, fallback: 'allow', fallbackReason: 'redis-error' },
];

/** The same records with explanations and state snapshots, as a full-detail run has them. */
const DETAILED: TraceDecision[] = RECORDS.map((d, i) => ({ ...d, explanation: i === 3 ? undefined : `why ${i}`, stateBefore: { tokens: i }, stateAfter: {} }));

const roundTrip = (records: TraceDecision[]) => decisionRecords(columnsFromRecords(records, ['a', 'b']));

describe('decision records', () => {
  it('round-trips records to the same objects, field order included', () => {
    for (const records of [RECORDS, DETAILED]) {
      expect(roundTrip(records)).toEqual(records);
      expect(JSON.stringify(roundTrip(records))).toBe(JSON.stringify(records));
    }
  });

  it('round-trips every built-in trace, full and lean', () => {
    for (const s of BUILTIN_SCENARIOS) {
      for (const detail of ['full', 'lean'] as const) {
        const clientIds = s.clients.map((c) => c.id);
        for (const l of runScenario(s, { detail }).limiters) {
          const back = decisionRecords(columnsFromRecords(l.decisions, clientIds));
          expect(JSON.stringify(back), `${s.id} ${detail} ${l.id}`).toBe(JSON.stringify(l.decisions));
        }
      }
    }
  });

});

describe('a trace with columnar decisions', () => {
  it('builds the decision records once, on first read, and serializes them like a plain array', () => {
    const trace = runScenario(BUILTIN_SCENARIOS[0] as (typeof BUILTIN_SCENARIOS)[number], { detail: 'lean' });
    const l = trace.limiters[0] as (typeof trace.limiters)[number];
    expect(l.decisions).toBe(l.decisions);
    const plain = { ...trace, limiters: trace.limiters.map((x) => ({ ...x, decisions: [...x.decisions] })) };
    expect(JSON.stringify(trace)).toBe(JSON.stringify(plain));
    expect(Object.keys(l)).toEqual(['id', 'algorithm', 'rule', 'clock', 'resilience', 'decisions', 'summary']);
    expect(structuredClone(trace)).toEqual(plain);
  });
});
