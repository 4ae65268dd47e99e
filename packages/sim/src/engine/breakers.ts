import { breakerMachine, breakerState, canAttempt, type BreakerStateName } from '@ratelab/algorithms';
import { createActor, type Actor } from 'xstate';
import type { TimerQueue, VirtualClock } from '../clock.js';
import type { BreakerSpec } from '../scenario/types.js';
import type { BreakerTransition } from '../trace/types.js';

/**
 * The circuit breakers of one limiter run: the algorithms package's XState machine, one actor per replica
 * (`local`) or one actor every replica consults (`shared`, which stands for breaker state kept in Redis, as the
 * server keeps it). The actors run on the virtual clock, so their `after` delay is an event in the run's queue.
 */
export class Breakers {
  private readonly actors: Actor<typeof breakerMachine>[] = [];
  /** Per actor: the virtual time its current open period ends (meaningful while open). */
  private readonly openUntil: number[] = [];
  private readonly shared: boolean;

  constructor(spec: BreakerSpec, replicas: number, clock: VirtualClock, queue: TimerQueue, limiter: string, log: BreakerTransition[]) {
    this.shared = spec.scope === 'shared';
    const count = this.shared ? 1 : replicas;
    for (let r = 0; r < count; r += 1) {
      const actor = createActor(breakerMachine, {
        input: { failureThreshold: spec.failureThreshold, openMs: spec.openMs, halfOpenProbes: spec.halfOpenProbes, now: () => clock.now },
        clock: clock.timers(queue),
      });
      let last: BreakerStateName = 'closed';
      const replica = this.shared ? 'shared' : r;
      const index = r;
      this.openUntil.push(0);
      actor.subscribe((snapshot) => {
        const now = breakerState(snapshot);
        if (now === 'open') this.openUntil[index] = clock.now + snapshot.context.openForMs;
        if (now !== last) log.push({ limiter, tMs: clock.now, replica, from: last, to: now });
        last = now;
      });
      actor.start();
      this.actors.push(actor);
    }
  }

  private actor(replica: number): Actor<typeof breakerMachine> {
    return this.actors[this.shared ? 0 : replica] as Actor<typeof breakerMachine>;
  }

  /** Whether `replica` may call Redis now; a half-open breaker counts the call as a probe. */
  tryAttempt(replica: number): boolean {
    const actor = this.actor(replica);
    const snapshot = actor.getSnapshot();
    if (!canAttempt(snapshot)) return false;
    if (snapshot.matches('halfOpen')) actor.send({ type: 'PROBE' });
    return true;
  }

  /** How long until `replica`'s breaker lets a probe through: 0 unless it is open. */
  remainingOpenMs(replica: number, nowMs: number): number {
    const i = this.shared ? 0 : replica;
    if (!(this.actors[i] as Actor<typeof breakerMachine>).getSnapshot().matches('open')) return 0;
    return Math.max(0, (this.openUntil[i] as number) - nowMs);
  }

  succeeded(replica: number): void {
    const actor = this.actor(replica);
    const snapshot = actor.getSnapshot();
    // A success while closed with no failures counted changes nothing; skipping it keeps big runs fast.
    if (snapshot.matches('closed') && snapshot.context.failures === 0) return;
    actor.send({ type: 'SUCCESS' });
  }

  failed(replica: number): void {
    this.actor(replica).send({ type: 'FAILURE' });
  }

  stop(): void {
    for (const actor of this.actors) actor.stop();
  }
}
