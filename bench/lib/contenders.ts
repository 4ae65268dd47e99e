// Every contender decides "may this key make one more request?" against the same Redis, keys and concurrency.
// Rules are sized so the workload is mostly allowed for all of them (about 100 per key per second).
import { createLimiter, type Limiter, type RuleInput } from '@ratelab/algorithms';
import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { upstashAdapter } from './upstash-adapter.ts';

export interface Contender {
  name: string;
  group: 'ratelab' | 'ratelab-batch' | 'peer';
  /** Redis key pattern holding this contender's state, for MEMORY USAGE accounting. */
  match: string;
  /** Which client it runs on: the plain connection or the auto-pipelining one. */
  client: 'plain' | 'autopipeline';
  check(key: string): Promise<boolean>;
  /** ratelab only: script calls made so far (a batch counts once). */
  roundTrips?(): number;
}

export const RULES: Record<string, RuleInput> = {
  'token-bucket': { algorithm: 'token-bucket', capacity: 100, refillPerSecond: 100 },
  'leaky-bucket': { algorithm: 'leaky-bucket', capacity: 100, leakPerSecond: 100 },
  'fixed-window': { algorithm: 'fixed-window', limit: 100, windowMs: 1000 },
  'sliding-log': { algorithm: 'sliding-log', limit: 100, windowMs: 1000 },
  'sliding-counter': { algorithm: 'sliding-counter', limit: 100, windowMs: 1000 },
  gcra: { algorithm: 'gcra', ratePerSecond: 100, burst: 100 },
};

function ratelab(redis: Redis, algorithm: string, batch: boolean, client: Contender['client'] = 'plain', label = ''): Contender {
  const prefix = `bench-${batch ? 'b' : 's'}-${client === 'plain' ? 'p' : 'a'}-${algorithm}`;
  const limiter: Limiter = createLimiter(redis, RULES[algorithm] as RuleInput, { prefix, batch });
  return {
    name: `ratelab ${algorithm}${batch ? ' (batch)' : ''}${label}`,
    group: batch ? 'ratelab-batch' : 'ratelab',
    match: `rl:{${prefix}:*`,
    client,
    check: async (key) => (await limiter.check(key)).allowed,
    roundTrips: () => limiter.roundTrips,
  };
}

function flexible(redis: Redis, client: Contender['client'], label = ''): Contender {
  const keyPrefix = `bench-rlf-${client}`;
  const limiter = new RateLimiterRedis({ storeClient: redis, points: 100, duration: 1, keyPrefix });
  return {
    name: `rate-limiter-flexible${label}`,
    group: 'peer',
    match: `${keyPrefix}:*`,
    client,
    // A blocked request rejects with a RateLimiterRes; anything else is a real error.
    check: (key) =>
      limiter.consume(key).then(
        () => true,
        (res) => {
          if (res instanceof RateLimiterRes) return false;
          throw res;
        },
      ),
  };
}

function upstash(redis: Redis, kind: 'tokenBucket' | 'fixedWindow' | 'slidingWindow', client: Contender['client'], label = ''): Contender {
  const prefix = `bench-up-${kind}-${client}`;
  const limiter =
    kind === 'tokenBucket' ? Ratelimit.tokenBucket(100, '1 s', 100) : kind === 'fixedWindow' ? Ratelimit.fixedWindow(100, '1 s') : Ratelimit.slidingWindow(100, '1 s');
  // Fastest honest settings: no analytics, no in-memory block cache (every decision goes to Redis), no timeout timer.
  const rl = new Ratelimit({
    redis: upstashAdapter(redis) as never,
    limiter,
    prefix,
    analytics: false,
    ephemeralCache: false,
    timeout: 0,
    enableProtection: false,
  });
  const name = { tokenBucket: 'token bucket', fixedWindow: 'fixed window', slidingWindow: 'sliding window' }[kind];
  return { name: `@upstash/ratelimit ${name}${label}`, group: 'peer', match: `${prefix}:*`, client, check: async (key) => (await rl.limit(key)).success };
}

/** The contenders of one run. `plain` and `auto` are two ioredis connections to the same Redis. */
export function contenders(plain: Redis, auto: Redis): Contender[] {
  const algorithms = Object.keys(RULES);
  return [
    ...algorithms.map((a) => ratelab(plain, a, false)),
    ...algorithms.map((a) => ratelab(plain, a, true)),
    flexible(plain, 'plain'),
    upstash(plain, 'tokenBucket', 'plain'),
    upstash(plain, 'fixedWindow', 'plain'),
    upstash(plain, 'slidingWindow', 'plain'),
    // The same client option for everyone: ioredis auto-pipelining (commands of one tick share one write).
    ratelab(auto, 'token-bucket', false, 'autopipeline', ' [autopipeline]'),
    flexible(auto, 'autopipeline', ' [autopipeline]'),
    upstash(auto, 'tokenBucket', 'autopipeline', ' [autopipeline]'),
  ];
}
