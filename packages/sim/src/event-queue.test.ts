import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';

function drain<P>(q: EventQueue<P>): P[] {
  const out: P[] = [];
  for (let e = q.pop(); e; e = q.pop()) out.push(e.payload);
  return out;
}

describe('EventQueue', () => {
  it('breaks ties at the same millisecond by insertion order', () => {
    const q = new EventQueue<string>();
    q.push(5, 'a');
    q.push(1, 'b');
    q.push(5, 'c');
    q.push(1, 'd');
    q.push(5, 'e');
    expect(drain(q)).toEqual(['b', 'd', 'a', 'c', 'e']);
  });

  it('pops any sequence of pushes in (time, insertion) order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const q = new EventQueue<number>();
        times.forEach((t, i) => q.push(t, i));
        const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((e) => e.i);
        expect(drain(q)).toEqual(expected);
      }),
    );
  });

  it('skips cancelled events and ignores cancelling one that already ran', () => {
    const q = new EventQueue<string>();
    const a = q.push(1, 'a');
    const b = q.push(2, 'b');
    q.push(3, 'c');
    expect(q.pop()?.payload).toBe('a');
    q.cancel(a);
    q.cancel(b);
    expect(q.peekTime()).toBe(3);
    expect(drain(q)).toEqual(['c']);
    expect(q.peekTime()).toBe(Infinity);
  });
});
