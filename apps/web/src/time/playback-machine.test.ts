import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { BASE_TICK_MS, playbackMachine } from './playback-machine';

function run(end: number) {
  let pos = 0;
  const clock = new SimulatedClock();
  const machine = playbackMachine.provide({
    actions: { advance: () => { pos++; }, rewindIfAtEnd: () => { if (pos >= end) pos = 0; } },
    guards: { atEnd: () => pos >= end },
  });
  const actor = createActor(machine, { clock }).start();
  // The simulated clock fires only timers already scheduled, so time advances one tick at a time.
  const advance = (ms: number, tick: number) => { for (let t = 0; t < ms; t += tick) clock.increment(tick); };
  return { actor, advance, pos: () => pos };
}

describe('playbackMachine', () => {
  it('advances one decision per tick and pauses at the end', () => {
    const { actor, advance, pos } = run(3);
    actor.send({ type: 'PLAY' });
    advance(BASE_TICK_MS, BASE_TICK_MS);
    expect(pos()).toBe(1);
    advance(BASE_TICK_MS * 5, BASE_TICK_MS);
    expect(pos()).toBe(3);
    expect(actor.getSnapshot().value).toBe('paused');
  });

  it('speeds up, pauses on TOGGLE and rewinds when played from the end', () => {
    const { actor, advance, pos } = run(10);
    actor.send({ type: 'SPEED', speed: 4 });
    actor.send({ type: 'TOGGLE' });
    advance(BASE_TICK_MS, BASE_TICK_MS / 4);
    expect(pos()).toBe(4);
    actor.send({ type: 'TOGGLE' });
    advance(BASE_TICK_MS * 10, BASE_TICK_MS / 4);
    expect(pos()).toBe(4);
    advance(BASE_TICK_MS * 10, BASE_TICK_MS / 4);
    actor.send({ type: 'PLAY' });
    advance(BASE_TICK_MS * 10, BASE_TICK_MS / 4);
    expect(pos()).toBe(10);
    actor.send({ type: 'PLAY' });
    expect(pos()).toBe(0);
  });
});
