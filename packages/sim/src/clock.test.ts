import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.js';
import { EventQueue } from './event-queue.js';

describe('VirtualClock', () => {
  it('never runs backwards', () => {
    const clock = new VirtualClock();
    clock.advanceTo(10);
    clock.advanceTo(10);
    expect(() => clock.advanceTo(9)).toThrow(/backwards/);
    expect(clock.now).toBe(10);
  });

  it('turns timers into queue events at virtual time, and clearTimeout cancels them', () => {
    const clock = new VirtualClock();
    const queue = new EventQueue<{ kind: 'timer'; fn: () => void }>();
    const timers = clock.timers(queue);
    const fired: number[] = [];
    clock.advanceTo(100);
    timers.setTimeout(() => fired.push(clock.now), 50);
    const id = timers.setTimeout(() => fired.push(-1), 20);
    timers.clearTimeout(id);
    for (let e = queue.pop(); e; e = queue.pop()) {
      clock.advanceTo(e.tMs);
      e.payload.fn();
    }
    expect(fired).toEqual([150]);
  });
});
