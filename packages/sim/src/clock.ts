/** What the clock needs from the event queue to turn timers into events. */
export interface TimerQueue {
  push(tMs: number, payload: { kind: 'timer'; fn: () => void }): number;
  cancel(id: number): void;
}

/**
 * Virtual time. It only moves forward, to the time of the event being processed; nothing in the simulator
 * reads the wall clock. `timers()` adapts it to xstate's `clock` option so a breaker's `after` delays become
 * events in the simulator's own queue and fire in virtual time.
 */
export class VirtualClock {
  private current = 0;

  get now(): number {
    return this.current;
  }

  /** Moves time to `tMs`; moving backwards is a bug in the engine, so it throws rather than corrupting a run. */
  advanceTo(tMs: number): void {
    if (tMs < this.current) throw new Error(`virtual clock cannot run backwards (${this.current} -> ${tMs})`);
    this.current = tMs;
  }

  /** An xstate `Clock` whose timers are events in `queue` at virtual time. */
  timers(queue: TimerQueue): { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(id: unknown): void } {
    return {
      setTimeout: (fn, ms) => queue.push(this.current + Math.max(0, Math.ceil(ms)), { kind: 'timer', fn }),
      clearTimeout: (id) => queue.cancel(id as number),
    };
  }
}

/** Wall-clock milliseconds, for the CLI's throwaway key prefix only; the simulation itself never calls this. */
export function wallClockMs(): number {
  return Date.now();
}
