import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArrivalSchedule } from './arrival-schedule.js';
import { arrivalStream, type ArrivalStream } from './arrivals.js';

/** A stream over fixed, ascending times. */
const listed = (times: number[]): ArrivalStream => {
  let i = 0;
  return { next: () => (i < times.length ? (times[i++] as number) : Infinity) };
};

/** Drains a schedule into "time:client" entries. */
function drain(schedule: ArrivalSchedule): string[] {
  const out: string[] = [];
  while (schedule.peekTime() !== Infinity) {
    const t = schedule.peekTime();
    out.push(`${t}:${schedule.take()}`);
  }
  return out;
}

/** The definition: every (time, client) pair, sorted by time, then client. */
function reference(lists: number[][]): string[] {
  const pairs = lists.flatMap((times, client) => times.map((t) => [t, client] as const));
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return pairs.map(([t, c]) => `${t}:${c}`);
}

describe('ArrivalSchedule', () => {
  it('merges clients by (time, client index)', () => {
    const schedule = new ArrivalSchedule([
      arrivalStream({ kind: 'times', atMs: [5, 1] }, 100, 1, 0),
      arrivalStream({ kind: 'times', atMs: [1, 5, 5] }, 100, 1, 1),
      arrivalStream({ kind: 'times', atMs: [0] }, 100, 1, 2),
    ]);
    expect(drain(schedule)).toEqual(['0:2', '1:0', '1:1', '5:0', '5:1', '5:1']);
  });

  it('keeps that order for arrivals far apart (beyond the wheel), close together and at equal times', () => {
    // Gaps from 0 (the same millisecond again) to well past the wheel's 4096 ms, for up to 40 clients.
    const gap = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 4000, max: 20_000 }));
    const client = fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.array(gap, { maxLength: 40 }));
    fc.assert(
      fc.property(fc.array(client, { maxLength: 40 }), (clients) => {
        const lists = clients.map(([start, gaps]) => {
          let t = start;
          return [start, ...gaps.map((g) => (t += g))];
        });
        expect(drain(new ArrivalSchedule(lists.map(listed)))).toEqual(reference(lists));
      }),
    );
  });

  it('follows many clients in lock step, as in a big steady run', () => {
    const lists = Array.from({ length: 300 }, (_, c) => Array.from({ length: 20 }, (_, i) => i * 100 + (c % 3)));
    expect(drain(new ArrivalSchedule(lists.map(listed)))).toEqual(reference(lists));
  });

  it('refuses more clients than it can pack', () => {
    expect(() => new ArrivalSchedule(Array.from({ length: ArrivalSchedule.MAX_CLIENTS + 1 }, () => listed([])))).toThrow(RangeError);
  });
});
