import { useActorRef, useSelector } from '@xstate/react';
import { actions, isAtEnd } from '../state/app-store';
import { playbackMachine } from './playback-machine';

export interface Playback {
  playing: boolean;
  speed: number;
  toggle(): void;
  pause(): void;
  setSpeed(speed: number): void;
}

const machine = playbackMachine.provide({
  actions: {
    advance: () => actions.stepBy(1),
    rewindIfAtEnd: () => {
      if (isAtEnd()) actions.first();
    },
  },
  guards: { atEnd: () => isAtEnd() },
});

/** One playback actor for the page; the store keeps the cursor, the machine only the rhythm. */
export function usePlayback(): Playback {
  const ref = useActorRef(machine);
  const playing = useSelector(ref, (s) => s.matches('playing'));
  const speed = useSelector(ref, (s) => s.context.speed);
  return {
    playing,
    speed,
    toggle: () => ref.send({ type: 'TOGGLE' }),
    pause: () => ref.send({ type: 'PAUSE' }),
    setSpeed: (s: number) => ref.send({ type: 'SPEED', speed: s }),
  };
}
