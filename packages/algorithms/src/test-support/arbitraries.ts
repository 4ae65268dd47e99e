// Test-only fast-check generators: small rules of every algorithm and request traces whose times may go backwards.
import fc from 'fast-check';
import type { TraceStep } from '../conformance/harness.js';
import { ALGORITHMS, parseRule, ruleCapacity, type AlgorithmName, type Rule } from '../rules.js';

/** Rates a user might type (whole, one decimal) and arbitrary doubles, which exercise float rounding. */
export const rateArb = fc.oneof(
  fc.integer({ min: 1, max: 20 }),
  fc.integer({ min: 1, max: 100 }).map((n) => n / 10),
  fc.double({ min: 0.05, max: 50, noNaN: true, noDefaultInfinity: true }),
);
const units = fc.integer({ min: 1, max: 6 });
const windowMs = fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 51, max: 2000 }));

export function ruleArb(algorithm: AlgorithmName): fc.Arbitrary<Rule> {
  const raw = (() => {
    switch (algorithm) {
      case 'token-bucket':
      case 'token-bucket-naive':
        return fc.record({ capacity: units, refillPerSecond: rateArb });
      case 'leaky-bucket':
        return fc.record({ capacity: units, leakPerSecond: rateArb });
      case 'fixed-window':
      case 'sliding-counter':
        return fc.record({ limit: units, windowMs });
      case 'sliding-log':
        return fc.record({ limit: units, windowMs, countRejected: fc.boolean() });
      case 'gcra':
        return fc.record({ ratePerSecond: rateArb, burst: units });
    }
  })() as fc.Arbitrary<object>;
  return raw.map((params) => parseRule({ algorithm, ...params }));
}

export const anyRuleArb: fc.Arbitrary<Rule> = fc.constantFrom(...ALGORITHMS).chain(ruleArb);

const T0 = 1_000_000;

/**
 * Up to `maxLength` requests: mostly forward steps (many of 0 ms, so bursts happen), some backwards (skew), costs
 * from 1 to the rule's capacity. Times stay non-negative.
 */
export function traceArb(rule: Rule, maxLength = 12, keys: readonly string[] = ['k']): fc.Arbitrary<TraceStep[]> {
  const cap = ruleCapacity(rule);
  const dt = fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 1500 }) },
    { weight: 2, arbitrary: fc.integer({ min: -300, max: -1 }) },
  );
  const cost = fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: cap }) });
  const key = fc.constantFrom(...keys);
  return fc.array(fc.record({ dt, cost, key }), { minLength: 1, maxLength }).map((raw) => {
    let t = T0;
    return raw.map((r) => {
      t = Math.max(0, t + r.dt);
      return { t, cost: r.cost, key: r.key };
    });
  });
}

/** A rule and a trace for it. */
export function ruleAndTraceArb(ruleArbitrary: fc.Arbitrary<Rule>, maxLength = 12): fc.Arbitrary<{ rule: Rule; steps: TraceStep[] }> {
  return ruleArbitrary.chain((rule) => traceArb(rule, maxLength).map((steps) => ({ rule, steps })));
}
