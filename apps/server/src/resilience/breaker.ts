import { breakerMachine, breakerState, canAttempt, type BreakerEvent } from '@ratelab/algorithms';
import { createActor, type Actor } from 'xstate';
import type { BreakerConfig } from '../config.js';
import type { BreakerLike, BreakerStateName } from './breaker-like.js';

export interface BreakerTransition {
  from: BreakerStateName;
  to: BreakerStateName;
  atMs: number;
  /** True when the change adopted a state read from Redis (shared scope) rather than this process's own calls. */
  adopted: boolean;
  /** Until when the breaker stays open (ms, this process's clock), when it is open. */
  openUntilMs?: number;
}

/**
 * The circuit breaker guarding this process's Redis calls: the XState machine of @ratelab/algorithms on the real
 * clock. It reports each transition so metrics, SSE and (in shared scope) Redis learn of it.
 */
export class Breaker implements BreakerLike {
  private readonly actor: Actor<typeof breakerMachine>;
  private current: BreakerStateName = 'closed';
  private openUntil = 0;
  private adopting = false;
  private readonly listeners = new Set<(t: BreakerTransition) => void>();

  constructor(
    readonly config: Pick<BreakerConfig, 'failureThreshold' | 'openMs' | 'halfOpenProbes'>,
    private readonly now: () => number = Date.now,
  ) {
    this.actor = createActor(breakerMachine, {
      input: { failureThreshold: config.failureThreshold, openMs: config.openMs, halfOpenProbes: config.halfOpenProbes, now },
    });
    this.actor.subscribe((snapshot) => {
      const next = breakerState(snapshot);
      if (next === this.current) {
        if (next === 'open') this.openUntil = this.now() + snapshot.context.openForMs;
        return;
      }
      const from = this.current;
      this.current = next;
      if (next === 'open') this.openUntil = this.now() + snapshot.context.openForMs;
      const t: BreakerTransition = { from, to: next, atMs: this.now(), adopted: this.adopting };
      if (next === 'open') t.openUntilMs = this.openUntil;
      for (const listener of this.listeners) listener(t);
    });
    this.actor.start();
  }

  get state(): BreakerStateName {
    return this.current;
  }

  onTransition(listener: (t: BreakerTransition) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tryAttempt(): boolean {
    const snapshot = this.actor.getSnapshot();
    if (!canAttempt(snapshot)) return false;
    if (this.current === 'half-open') this.actor.send({ type: 'PROBE' });
    return true;
  }

  success(): void {
    this.actor.send({ type: 'SUCCESS' });
  }

  failure(): void {
    this.actor.send({ type: 'FAILURE' });
  }

  remainingOpenMs(): number {
    return this.current === 'open' ? Math.max(0, this.openUntil - this.now()) : 0;
  }

  openUntilMs(): number | undefined {
    return this.current === 'open' ? this.openUntil : undefined;
  }

  /** Adopts a state decided elsewhere (shared scope); the resulting transition is marked `adopted`. */
  adopt(event: Extract<BreakerEvent, { type: 'FORCE_OPEN' | 'FORCE_CLOSE' }>): void {
    this.adopting = true;
    try {
      this.actor.send(event);
    } finally {
      this.adopting = false;
    }
  }

  stop(): void {
    this.actor.stop();
  }
}
