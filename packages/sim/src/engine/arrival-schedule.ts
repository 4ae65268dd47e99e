import type { ArrivalStream } from './arrivals.js';
import { KeyHeap } from './key-heap.js';

/** Slots of the wheel, one per millisecond: arrivals less than this far ahead go straight into their slot. */
const WHEEL = 4096;
const MASK = WHEEL - 1;
const WORDS = WHEEL / 32;
/** Packs (time, client) for the overflow heap; exact in a double for a day of virtual time. */
const PACK = 4096;

/**
 * Merges the clients' streams into one schedule ordered by (time, client index), the contract's rule for arrivals
 * at the same millisecond. Times are whole milliseconds and each stream's times never decrease.
 *
 * A timing wheel rather than one heap: a big run has thousands of clients arriving at the same few milliseconds,
 * and a heap pays a dozen unpredictable comparisons per arrival where the wheel appends to a list. Each slot lists
 * the clients arriving at one millisecond of the next `WHEEL` ms (sorted once, when the slot is reached, if they
 * were not appended in order); arrivals further ahead wait in a heap and move into the wheel as time approaches
 * them. A bitmap of occupied slots finds the next arrival without visiting every empty millisecond. A slot's list
 * is an Int32Array handed back to a pool once the slot is used up, so the lists are not reallocated as they refill.
 */
export class ArrivalSchedule {
  /** Maximum clients the packed overflow key can hold. */
  static readonly MAX_CLIENTS = PACK;

  private readonly streams: ArrivalStream[];
  /** Per slot: its clients (the first `size[s]` entries), or undefined while it is empty. */
  private readonly slots: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(WHEEL).fill(undefined);
  private readonly size = new Int32Array(WHEEL);
  /** Per slot: how many of its clients have been taken. */
  private readonly cursor = new Int32Array(WHEEL);
  /** Per slot: 1 when its clients were not appended in ascending order. */
  private readonly unsorted = new Uint8Array(WHEEL);
  /** One bit per slot: it still has clients to take. */
  private readonly occupied = new Uint32Array(WORDS);
  private readonly pool: Int32Array[] = [];
  private readonly overflow = new KeyHeap();
  /** The wheel holds the arrivals in [now, now + WHEEL); every earlier one has been taken. */
  private now = 0;
  /** The slot of `now`, kept so the hot path needs no modulo of a large time. */
  private nowSlot = 0;
  /** Arrivals in the wheel not yet taken. */
  private count = 0;

  constructor(streams: ArrivalStream[]) {
    if (streams.length > PACK) throw new RangeError(`at most ${PACK} clients`);
    this.streams = streams;
    streams.forEach((s, i) => {
      const t = s.next();
      if (t !== Infinity) this.insert(t, i);
    });
  }

  /** Time of the next arrival, or Infinity. */
  peekTime(): number {
    // Most often the current millisecond still has arrivals (thousands of clients share a few milliseconds).
    const s = this.nowSlot;
    if ((this.cursor[s] as number) < (this.size[s] as number)) return this.now;
    if (this.count === 0) {
      if (this.overflow.size === 0) return Infinity;
      this.advance(Math.floor(this.overflow.peek() / PACK));
    }
    const t = this.nextOccupied();
    if (t !== this.now) this.advance(t);
    return t;
  }

  /**
   * Takes the next arrival: returns the client index and schedules that client's following arrival. Call it only
   * after `peekTime` returned a finite time (the engine always looks first), which also positioned the wheel.
   */
  take(): number {
    const now = this.now;
    const s = this.nowSlot;
    const list = this.slots[s] as Int32Array;
    const i = this.cursor[s] as number;
    const size = this.size[s] as number;
    if (i === 0 && this.unsorted[s] === 1) {
      list.subarray(0, size).sort();
      this.unsorted[s] = 0;
    }
    const client = list[i] as number;
    const next = (this.streams[client] as ArrivalStream).next();
    // The same client again at this millisecond: every client left in the slot has a higher index, so it is next.
    if (next === now) return client;
    if (next < now) throw new RangeError(`arrival stream ${client} went back in time (${next} < ${now})`);
    this.count -= 1;
    if (i + 1 === size) {
      this.pool.push(list);
      this.slots[s] = undefined;
      this.size[s] = 0;
      this.cursor[s] = 0;
      this.occupied[s >>> 5] = (this.occupied[s >>> 5] as number) & ~(1 << (s & 31));
    } else this.cursor[s] = i + 1;
    if (next !== Infinity) this.insert(next, client);
    return client;
  }

  private insert(t: number, client: number): void {
    const ahead = t - this.now;
    if (ahead >= WHEEL) return this.overflow.push(t * PACK + client);
    const s = (this.nowSlot + ahead) & MASK;
    let list = this.slots[s];
    const n = this.size[s] as number;
    if (list === undefined) {
      list = this.pool.pop() ?? new Int32Array(16);
      this.slots[s] = list;
      this.occupied[s >>> 5] = (this.occupied[s >>> 5] as number) | (1 << (s & 31));
    } else if (n === list.length) {
      const bigger = new Int32Array(n * 2);
      bigger.set(list);
      list = bigger;
      this.slots[s] = list;
    }
    if (n > 0 && client < (list[n - 1] as number)) this.unsorted[s] = 1;
    list[n] = client;
    this.size[s] = n + 1;
    this.count += 1;
  }

  /** Moves the wheel's start to `t` (no arrival is left before it) and pulls in overflow arrivals now in range. */
  private advance(t: number): void {
    this.now = t;
    this.nowSlot = t % WHEEL;
    const heap = this.overflow;
    while (heap.size > 0) {
      const key = heap.peek();
      const at = Math.floor(key / PACK);
      if (at - t >= WHEEL) break;
      heap.pop();
      this.insert(at, key - at * PACK);
    }
  }

  /** The time of the first occupied slot at or after `now` (the wheel is not empty). */
  private nextOccupied(): number {
    const start = this.nowSlot;
    let w = start >>> 5;
    let bits = (this.occupied[w] as number) & (~0 << (start & 31));
    // Ends: the wheel holds at least one arrival, and the last word visited is the first one again, whole.
    while (bits === 0) {
      w = (w + 1) % WORDS;
      bits = this.occupied[w] as number;
    }
    const s = (w << 5) + 31 - Math.clz32(bits & -bits);
    return this.now + ((s - start + WHEEL) & MASK);
  }
}
