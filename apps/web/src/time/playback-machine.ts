import { assign, setup } from 'xstate';

/** Playback speeds offered to the user, in decisions per tick multiplier. */
export const SPEEDS = [0.5, 1, 2, 4, 8, 16] as const;
/** At 1× the cursor moves one decision every this many milliseconds. */
export const BASE_TICK_MS = 400;

/**
 * Playback: paused or playing at a speed. While playing, every tick advances the cursor one decision through the
 * `advance` action (provided by the app, which owns the cursor); reaching the end pauses. The machine owns only
 * "are we playing, and how fast", so stepping by hand and playback can never disagree about the position.
 */
export const playbackMachine = setup({
  types: {
    context: {} as { speed: number },
    events: {} as
      | { type: 'PLAY' }
      | { type: 'PAUSE' }
      | { type: 'TOGGLE' }
      | { type: 'SPEED'; speed: number },
  },
  actions: {
    advance: () => {},
    rewindIfAtEnd: () => {},
  },
  guards: {
    atEnd: () => false,
  },
  delays: {
    tick: ({ context }) => Math.max(10, Math.round(BASE_TICK_MS / context.speed)),
  },
}).createMachine({
  id: 'playback',
  context: { speed: 1 },
  initial: 'paused',
  on: {
    SPEED: { actions: assign({ speed: ({ event }) => event.speed }) },
  },
  states: {
    paused: {
      on: {
        PLAY: { target: 'playing', actions: 'rewindIfAtEnd' },
        TOGGLE: { target: 'playing', actions: 'rewindIfAtEnd' },
      },
    },
    playing: {
      after: {
        tick: [
          { guard: 'atEnd', target: 'paused' },
          { target: 'playing', reenter: true, actions: 'advance' },
        ],
      },
      on: { PAUSE: 'paused', TOGGLE: 'paused' },
    },
  },
});
