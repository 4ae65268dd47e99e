import { advance, cloneState, initialState, isDone, type RaceState, type RaceWorld } from './race-model';

/** The explorer enumerates at most this many complete orders; bigger setups are refused with the count. */
export const MAX_INTERLEAVINGS = 50_000;

/** How many distinct orders of the commands exist: (n1+...+nk)! / (n1!...nk!). */
export function countInterleavings(replicas: number, commandsEach: number): number {
  let total = 1;
  let placed = 0;
  for (let r = 0; r < replicas; r += 1) {
    for (let i = 1; i <= commandsEach; i += 1) {
      placed += 1;
      total = (total * placed) / i;
    }
  }
  return Math.round(total);
}

export interface Exploration {
  orders: number;
  overAdmitting: number;
  /** How many orders ended with each admitted count. */
  distribution: Record<number, number>;
  /** The over-admitting order whose double-spend shows earliest (then with the fewest switches between replicas). */
  shortest?: { order: number[]; visibleAtTick: number; switches: number };
}

export type ExploreResult = { ok: true; result: Exploration } | { ok: false; message: string };

function switches(order: readonly number[]): number {
  let n = 0;
  for (let i = 1; i < order.length; i += 1) if (order[i] !== order[i - 1]) n += 1;
  return n;
}

/** Depth-first over every order, running the same model step as the hand-chosen view at each command. */
export function explore(world: RaceWorld): ExploreResult {
  const orders = countInterleavings(world.setup.replicas, world.program.length);
  if (orders > MAX_INTERLEAVINGS) {
    return {
      ok: false,
      message: `${orders.toLocaleString('en-US')} orders is more than the explorer's bound of ${MAX_INTERLEAVINGS.toLocaleString('en-US')}: use fewer replicas or one request per replica.`,
    };
  }
  const out: Exploration = { orders: 0, overAdmitting: 0, distribution: {} };
  const order: number[] = [];
  const visit = (s: RaceState) => {
    if (isDone(world, s)) {
      out.orders += 1;
      out.distribution[s.admitted] = (out.distribution[s.admitted] ?? 0) + 1;
      if (s.admitted > world.expected) {
        out.overAdmitting += 1;
        const tick = s.overAt ?? Infinity;
        const sw = switches(order);
        const best = out.shortest;
        if (!best || tick < best.visibleAtTick || (tick === best.visibleAtTick && sw < best.switches)) {
          out.shortest = { order: order.slice(), visibleAtTick: tick, switches: sw };
        }
      }
      return;
    }
    for (let r = 0; r < world.setup.replicas; r += 1) {
      const replica = s.replicas[r];
      if (!replica || replica.pc >= world.program.length) continue;
      const next = cloneState(s, false);
      advance(world, next, r);
      order.push(r);
      visit(next);
      order.pop();
    }
  };
  visit(initialState(world));
  return { ok: true, result: out };
}
