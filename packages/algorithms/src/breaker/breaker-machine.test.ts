import { createActor, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { breakerMachine, breakerState, canAttempt } from './breaker-machine.js';

function start(input: { failureThreshold: number; openMs: number; halfOpenProbes?: number }, withNow = false) {
  const clock = new SimulatedClock();
  const actor = createActor(breakerMachine, { input: withNow ? { ...input, now: () => clock.now() } : input, clock });
  actor.start();
  return { actor, clock, state: () => breakerState(actor.getSnapshot()), can: () => canAttempt(actor.getSnapshot()) };
}

describe('breakerMachine', () => {
  it('opens after failureThreshold consecutive failures; a success in between resets the count', () => {
    const b = start({ failureThreshold: 3, openMs: 1000 });
    b.actor.send({ type: 'FAILURE' });
    b.actor.send({ type: 'FAILURE' });
    b.actor.send({ type: 'SUCCESS' });
    b.actor.send({ type: 'FAILURE' });
    b.actor.send({ type: 'FAILURE' });
    expect(b.state()).toBe('closed');
    expect(b.can()).toBe(true);
    b.actor.send({ type: 'FAILURE' });
    expect(b.state()).toBe('open');
    expect(b.can()).toBe(false);
  });

  it('moves open -> half-open exactly openMs later on the clock it was given, not on the wall clock', () => {
    const b = start({ failureThreshold: 1, openMs: 1000 });
    b.actor.send({ type: 'FAILURE' });
    b.clock.increment(999);
    expect(b.state()).toBe('open');
    b.clock.increment(1);
    expect(b.state()).toBe('half-open');
  });

  it('lets halfOpenProbes probes through while half-open; a success closes it, a failure reopens it for openMs', () => {
    const b = start({ failureThreshold: 1, openMs: 500, halfOpenProbes: 2 });
    b.actor.send({ type: 'FAILURE' });
    b.clock.increment(500);
    expect(b.can()).toBe(true);
    b.actor.send({ type: 'PROBE' });
    expect(b.can()).toBe(true);
    b.actor.send({ type: 'PROBE' });
    expect(b.can()).toBe(false);
    b.actor.send({ type: 'FAILURE' });
    expect(b.state()).toBe('open');
    b.clock.increment(499);
    expect(b.state()).toBe('open');
    b.clock.increment(1);
    expect(b.state()).toBe('half-open');
    expect(b.can()).toBe(true);
    b.actor.send({ type: 'PROBE' });
    b.actor.send({ type: 'SUCCESS' });
    expect(b.state()).toBe('closed');
    expect(b.actor.getSnapshot().context.failures).toBe(0);
  });

  it('adopts a state decided elsewhere: FORCE_OPEN until a time on its clock, FORCE_CLOSE', () => {
    const b = start({ failureThreshold: 5, openMs: 1000 }, true);
    b.clock.set(10_000);
    b.actor.send({ type: 'FORCE_OPEN', untilMs: 10_250 });
    expect(b.state()).toBe('open');
    b.clock.increment(249);
    expect(b.state()).toBe('open');
    b.clock.increment(1);
    expect(b.state()).toBe('half-open');
    b.actor.send({ type: 'FORCE_OPEN' });
    b.clock.increment(999);
    expect(b.state()).toBe('open');
    b.actor.send({ type: 'FORCE_CLOSE' });
    expect(b.state()).toBe('closed');
    // The cancelled open timer must not fire later.
    b.clock.increment(5000);
    expect(b.state()).toBe('closed');
  });

  it('ignores late results while open', () => {
    const b = start({ failureThreshold: 1, openMs: 100 });
    b.actor.send({ type: 'FAILURE' });
    b.actor.send({ type: 'SUCCESS' });
    b.actor.send({ type: 'FAILURE' });
    expect(b.state()).toBe('open');
  });
});
