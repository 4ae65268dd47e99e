import { assign, setup, type SnapshotFrom } from 'xstate';

/** What a breaker is configured with. */
export interface BreakerInput {
  /** Consecutive failed Redis calls that open the breaker (at least 1). */
  failureThreshold: number;
  /** How long the breaker stays open before letting probes through, in ms. */
  openMs: number;
  /** Requests allowed to try Redis while half-open (default 1). */
  halfOpenProbes?: number;
  /**
   * The clock `FORCE_OPEN.untilMs` is measured against (default: none, and `untilMs` is ignored in favour of
   * `openMs`). The simulator passes its virtual clock, the server its real one.
   */
  now?: () => number;
}

export interface BreakerContext {
  failureThreshold: number;
  openMs: number;
  halfOpenProbes: number;
  now: (() => number) | undefined;
  /** Consecutive failures seen while closed. */
  failures: number;
  /** Probes sent since the breaker last became half-open. */
  probes: number;
  /** How long the current open period lasts (openMs, or what FORCE_OPEN asked for). */
  openForMs: number;
}

export type BreakerEvent =
  | { type: 'SUCCESS' }
  | { type: 'FAILURE' }
  | { type: 'PROBE' }
  | { type: 'FORCE_OPEN'; untilMs?: number }
  | { type: 'FORCE_CLOSE' };

/** The open period FORCE_OPEN asks for: until `untilMs` on the breaker's clock when both are known, else openMs. */
function forcedOpenMs(context: BreakerContext, event: BreakerEvent): number {
  if (event.type !== 'FORCE_OPEN' || event.untilMs === undefined || context.now === undefined) return context.openMs;
  return Math.max(0, event.untilMs - context.now());
}

/**
 * A circuit breaker in front of Redis: `closed` (calls go through, consecutive failures counted), `open` (no call
 * is made for `openMs`), `halfOpen` (up to `halfOpenProbes` calls try Redis; the first result decides). The
 * open -> halfOpen step is an XState `after` delay, so it fires on whatever clock the actor was created with:
 * the simulator's virtual clock or the server's real one. FORCE_OPEN / FORCE_CLOSE adopt a state decided
 * elsewhere (for example a breaker state shared through Redis).
 */
export const breakerMachine = setup({
  types: {} as { context: BreakerContext; events: BreakerEvent; input: BreakerInput },
  delays: { openDelay: ({ context }) => context.openForMs },
  guards: {
    reachesThreshold: ({ context }) => context.failures + 1 >= context.failureThreshold,
  },
  actions: {
    countFailure: assign({ failures: ({ context }) => context.failures + 1 }),
    resetFailures: assign({ failures: 0, probes: 0 }),
    countProbe: assign({ probes: ({ context }) => context.probes + 1 }),
    openNormally: assign({ openForMs: ({ context }) => context.openMs, failures: 0, probes: 0 }),
    openForced: assign({ openForMs: ({ context, event }) => forcedOpenMs(context, event), failures: 0, probes: 0 }),
  },
}).createMachine({
  id: 'breaker',
  initial: 'closed',
  context: ({ input }) => ({
    failureThreshold: Math.max(1, Math.floor(input.failureThreshold)),
    openMs: Math.max(0, input.openMs),
    halfOpenProbes: Math.max(1, Math.floor(input.halfOpenProbes ?? 1)),
    now: input.now,
    failures: 0,
    probes: 0,
    openForMs: Math.max(0, input.openMs),
  }),
  on: {
    FORCE_OPEN: { target: '.open', reenter: true, actions: 'openForced' },
    FORCE_CLOSE: { target: '.closed', reenter: true, actions: 'resetFailures' },
  },
  states: {
    closed: {
      on: {
        SUCCESS: { actions: 'resetFailures' },
        FAILURE: [{ guard: 'reachesThreshold', target: 'open', actions: 'openNormally' }, { actions: 'countFailure' }],
      },
    },
    open: {
      after: { openDelay: { target: 'halfOpen' } },
    },
    halfOpen: {
      entry: assign({ probes: 0 }),
      on: {
        PROBE: { actions: 'countProbe' },
        SUCCESS: { target: 'closed', actions: 'resetFailures' },
        FAILURE: { target: 'open', actions: 'openNormally' },
      },
    },
  },
});

export type BreakerSnapshot = SnapshotFrom<typeof breakerMachine>;
export type BreakerStateName = 'closed' | 'open' | 'half-open';

/** The breaker's state in the words the API and the UI use. */
export function breakerState(snapshot: BreakerSnapshot): BreakerStateName {
  if (snapshot.matches('open')) return 'open';
  if (snapshot.matches('halfOpen')) return 'half-open';
  return 'closed';
}

/** Whether a request may call Redis now: always when closed, never when open, up to `halfOpenProbes` when half-open. */
export function canAttempt(snapshot: BreakerSnapshot): boolean {
  if (snapshot.matches('closed')) return true;
  if (snapshot.matches('open')) return false;
  return snapshot.context.probes < snapshot.context.halfOpenProbes;
}
