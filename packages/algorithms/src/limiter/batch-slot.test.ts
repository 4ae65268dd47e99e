import { describe, expect, it } from 'vitest';
import { clusterSlot } from './batch-slot.js';
import { redisKeys } from './keys.js';

describe('clusterSlot', () => {
  it('matches the slots Redis documents and computes', () => {
    // Values from the Redis Cluster specification and `CLUSTER KEYSLOT` on Redis 7.
    expect(clusterSlot('123456789')).toBe(0x31c3 % 16384);
    expect(clusterSlot('foo')).toBe(12182);
    expect(clusterSlot('bar')).toBe(5061);
    expect(clusterSlot('{user1000}.following')).toBe(clusterSlot('user1000'));
    // An empty first tag means the whole key is hashed.
    expect(clusterSlot('foo{}{bar}')).not.toBe(clusterSlot('bar'));
    expect(clusterSlot('foo{{bar}}zap')).toBe(clusterSlot('{bar'));
  });

  it('puts every key of one decision in one slot, braces in the client key included', () => {
    for (const key of ['user:42', 'a}b', '{x}', 'ünïcode', '}{']) {
      const slots = new Set(redisKeys('api', key, ['log', 'meta']).map(clusterSlot));
      expect(slots.size).toBe(1);
    }
  });
});
