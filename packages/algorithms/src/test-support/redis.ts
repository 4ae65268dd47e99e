// Test-only helpers: connections to the throwaway redis-server of this test run, and ioredis-mock instances.
import { Redis } from 'ioredis';
import RedisMock from 'ioredis-mock';
import { inject } from 'vitest';
import type { RedisLike } from '../limiter/redis-like.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** The URL of the real redis-server started for this test run. */
export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** A new connection to the real test Redis; close it with `quit()`. */
export function realRedis(): Redis {
  return new Redis(testRedisUrl(), { lazyConnect: false, maxRetriesPerRequest: 1 });
}

/**
 * A fresh, empty ioredis-mock with a data set of its own. ioredis-mock shares data among instances created with the
 * same host and port (all of them, without options), so each gets a host name of its own.
 */
let mocks = 0;
export function mockRedis(): RedisLike {
  mocks += 1;
  return new RedisMock({ host: `ratelab-test-mock-${process.pid}-${mocks}` }) as unknown as RedisLike;
}

/** A key prefix unique to one test, so tests sharing the real Redis never see each other's keys. */
let counter = 0;
export function uniquePrefix(name: string): string {
  counter += 1;
  return `t-${name}-${process.pid}-${counter}`;
}
