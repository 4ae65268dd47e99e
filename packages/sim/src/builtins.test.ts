// Each built-in scenario makes a claim in its lesson and notice; these tests hold the claims to the trace.
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, builtinScenario } from './builtins.js';
import { runScenario } from './run.js';
import type { Trace, TraceLimiter } from './trace/types.js';

function run(id: string): Record<string, TraceLimiter> {
  const s = builtinScenario(id);
  if (!s) throw new Error(`no built-in ${id}`);
  const trace: Trace = runScenario(s);
  return Object.fromEntries(trace.limiters.map((l) => [l.id, l]));
}

const errors = (l: TraceLimiter | undefined) => l?.decisions.filter((d) => d.fallbackReason === 'redis-error').length ?? 0;

describe('built-in scenarios', () => {
  it('has at least 10, each with id, title, lesson and notice, and small enough for the lua engine', () => {
    expect(BUILTIN_SCENARIOS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(BUILTIN_SCENARIOS.map((s) => s.id)).size).toBe(BUILTIN_SCENARIOS.length);
    for (const s of BUILTIN_SCENARIOS) {
      expect(s.title.length).toBeGreaterThan(10);
      expect(s.lesson.length).toBeGreaterThan(50);
      expect(s.notice.length).toBeGreaterThan(20);
      const decisions = runScenario(s).limiters.reduce((n, l) => n + l.decisions.length, 0);
      expect(decisions).toBeLessThanOrEqual(1500);
    }
    expect(builtinScenario('nope')).toBeUndefined();
  });

  it('boundary-spike: the fixed window lets 2 x limit through in one window, the sliding log only the limit', () => {
    const { fixed, log } = run('boundary-spike');
    expect(fixed?.summary.maxAllowedInAnyWindow).toBe(20);
    expect(log?.summary.maxAllowedInAnyWindow).toBe(10);
  });

  it('retry-storm: logging rejections keeps the retrying client blocked far longer', () => {
    const { 'log-admitted-only': admitted, 'log-counts-rejected': counted } = run('retry-storm');
    expect(admitted!.summary.allowed).toBeGreaterThan(3 * counted!.summary.allowed);
    expect(counted!.summary.recovery.recovered).toBeLessThan(counted!.summary.recovery.streaks);
    expect(admitted!.summary.recovery.recovered).toBe(admitted!.summary.recovery.streaks);
  });

  it('jittered-backoff: full jitter gets more of the herd through than synchronized retries', () => {
    const { bucket } = run('jittered-backoff');
    expect(bucket!.summary.clients.spread!.allowed).toBeGreaterThan(bucket!.summary.clients.herd!.allowed);
  });

  it('replicas-race: the naive bucket admits more than a bucket can in 2 s; the atomic one never does', () => {
    const { naive, atomic } = run('replicas-race');
    const bound = 10 + 2 * 5;
    expect(naive!.summary.allowed).toBeGreaterThan(bound);
    expect(atomic!.summary.allowed).toBeLessThanOrEqual(bound);
  });

  it('redis-outage-breaker: local breakers call the dead Redis more often than one shared breaker', () => {
    const { 'local-breakers': local, 'shared-breaker': shared } = run('redis-outage-breaker');
    expect(errors(local)).toBeGreaterThan(2 * errors(shared));
    expect(Object.keys(local!.summary.breakerTransitions)).toEqual(['0', '1', '2', '3']);
    expect(Object.keys(shared!.summary.breakerTransitions)).toEqual(['shared']);
  });

  it('fail-modes: allow drops the limit, deny admits nothing, local fallback multiplies it by the 4 replicas', () => {
    const l = run('fail-modes');
    const during = (id: string) => l[id]!.decisions.filter((d) => d.tMs >= 1000 && d.tMs < 3000 && d.allowed).length;
    expect(during('fail-open')).toBe(120);
    expect(during('fail-closed')).toBe(0);
    expect(during('local-fallback')).toBe(2 * 4 * 10);
    expect(l['local-fallback']!.summary.maxAllowedInAnyWindow).toBe(40);
  });

  it('clock-skew: the app-clock limiter rolls windows early and admits more than the redis-clock one', () => {
    const { 'app-clock': app, 'redis-clock': redis } = run('clock-skew');
    expect(app!.summary.maxAllowedInAnyWindow).toBeGreaterThan(redis!.summary.maxAllowedInAnyWindow);
    expect(redis!.summary.maxAllowedInAnyWindow).toBeLessThanOrEqual(2 * 5);
    expect(app!.decisions.some((d) => d.nowMs !== undefined && d.replica === 1)).toBe(true);
  });

  it('gcra-equals-token-bucket: identical decisions, different state', () => {
    const { 'token-bucket': tb, gcra } = run('gcra-equals-token-bucket');
    const fields = (l: TraceLimiter) => l.decisions.map((d) => [d.tMs, d.client, d.allowed, d.remaining, d.retryAfterMs]);
    expect(fields(gcra!)).toEqual(fields(tb!));
    expect(tb!.summary.blocked).toBeGreaterThan(0);
    expect(Object.keys(gcra!.decisions[0]!.stateAfter!)).toContain('tat');
  });

  it('sliding-counter-error: the counter admits more than the exact log in some window', () => {
    const { 'sliding-counter': counter, 'sliding-log': log } = run('sliding-counter-error');
    expect(log!.summary.maxAllowedInAnyWindow).toBe(10);
    expect(counter!.summary.maxAllowedInAnyWindow).toBeGreaterThan(10);
    expect(counter!.summary.admittedBeyondIdeal).toBeGreaterThan(0);
  });

  it('noisy-neighbour: the quiet client sharing the key is blocked too', () => {
    const { bucket, log } = run('noisy-neighbour');
    expect(bucket!.summary.clients.quiet!.blocked).toBeGreaterThan(0);
    expect(log!.summary.clients.quiet!.blocked).toBeGreaterThan(0);
  });
});
