import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyHeap } from './key-heap.js';

describe('KeyHeap', () => {
  it('gives back the keys smallest first, with pushes between pops', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 1e9 }), fc.constant(-1))), (ops) => {
        const heap = new KeyHeap();
        const ref: number[] = [];
        for (const op of ops) {
          if (op >= 0) {
            heap.push(op);
            ref.push(op);
          } else if (heap.size > 0) {
            ref.sort((a, b) => a - b);
            expect(heap.peek()).toBe(ref.shift());
            heap.pop();
          }
          expect(heap.size).toBe(ref.length);
        }
      }),
    );
  });
});
