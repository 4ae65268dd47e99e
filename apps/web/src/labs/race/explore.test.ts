import { describe, expect, it } from 'vitest';
import { countInterleavings, explore } from './explore';
import { createWorld, replay } from './race-model';

describe('race lab model and explorer', () => {
  it('a hand-chosen order where both replicas read before either writes double-spends', () => {
    const world = createWorld({ mode: 'naive', replicas: 2, requestsPerReplica: 1, capacity: 1 });
    const s = replay(world, [0, 0, 1, 1, 0, 0, 1, 1]);
    expect(world.expected).toBe(1);
    expect(s.admitted).toBe(2);
    expect(s.overAt).toBe(3);
    expect(replay(world, [0, 0, 0, 0, 1, 1, 1, 1]).admitted).toBe(1);
  });

  it('counts the orders: 66 of 70 over-admit for two replicas and capacity 1; the atomic script never does', () => {
    expect(countInterleavings(2, 4)).toBe(70);
    const naive = explore(createWorld({ mode: 'naive', replicas: 2, requestsPerReplica: 1, capacity: 1 }));
    expect(naive.ok && naive.result).toMatchObject({ orders: 70, overAdmitting: 66, distribution: { 1: 4, 2: 66 } });
    expect(naive.ok && naive.result.shortest?.visibleAtTick).toBe(3);
    const atomic = explore(createWorld({ mode: 'atomic', replicas: 4, requestsPerReplica: 2, capacity: 3 }));
    expect(atomic.ok && atomic.result).toMatchObject({ orders: 2520, overAdmitting: 0 });
  });

  it('refuses setups above the bound with the count', () => {
    const big = explore(createWorld({ mode: 'naive', replicas: 4, requestsPerReplica: 1, capacity: 1 }));
    expect(big).toEqual({ ok: false, message: expect.stringContaining('63,063,000 orders') });
  });
});
