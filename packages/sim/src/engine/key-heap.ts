/** A binary min-heap of numbers (the arrival schedule packs time and client into one number). */
export class KeyHeap {
  private readonly heap: number[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** The smallest key; only valid when `size > 0`. */
  peek(): number {
    return this.heap[0] as number;
  }

  push(key: number): void {
    const h = this.heap;
    let i = h.length;
    h.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((h[p] as number) <= key) break;
      h[i] = h[p] as number;
      i = p;
    }
    h[i] = key;
  }

  /** Removes the smallest key (when there is one). */
  pop(): void {
    const h = this.heap;
    const last = h.pop() as number;
    const n = h.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (h[r] as number) < (h[l] as number) ? r : l;
      if ((h[c] as number) >= last) break;
      h[i] = h[c] as number;
      i = c;
    }
    h[i] = last;
  }
}
