import type { Decision } from '../decision.js';
import { tokenBucket, type TokenBucketState } from '../models/token-bucket.js';
import type { RuleOf } from '../rules.js';
import type { ResolvedOptions } from './create-limiter.js';
import { checkInputs } from './create-limiter.js';
import { redisKeys } from './keys.js';
import type { CheckResult, Limiter } from './limiter.js';
import { RedisUnavailableError, type RedisLike } from './redis-like.js';

/**
 * The naive token bucket, kept on purpose as the seed article's project wrote it: read the token count and the
 * timestamp with two separate GETs, decide in the application, then write both back. Between the reads and the
 * write another client can read the same count, so two clients can spend one token: the race ratelab teaches.
 * The separate steps are exposed (`read`, `write`) so the simulator and the race lab can interleave them.
 * Never offer this as a rule for real traffic.
 */
export interface NaiveLimiter extends Limiter {
  /** Step 1: the two GETs. Resolves to the stored state, or undefined for a key never seen. */
  read(key: string): Promise<TokenBucketState | undefined>;
  /** Step 2 (in the application): decide on a state that may already be stale. Mutates `state`. */
  decide(state: TokenBucketState | undefined, nowMs: number, cost?: number): { decision: Decision; state: TokenBucketState };
  /** Step 3: write both values back (one pipelined pair of SETs in the seed; here two SETs with a TTL). */
  write(key: string, state: TokenBucketState): Promise<void>;
  readonly naive: true;
}

export function createNaiveLimiter(redis: RedisLike, rule: RuleOf<'token-bucket-naive'>, options: ResolvedOptions): NaiveLimiter {
  let roundTrips = 0;
  const keysFor = (key: string) => redisKeys(options.prefix, key, ['tokens', 'last']);
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    roundTrips += 1;
    try {
      return await run();
    } catch (error) {
      throw new RedisUnavailableError(`naive bucket ${what}`, error);
    }
  };
  const limiter: NaiveLimiter = {
    rule,
    prefix: options.prefix,
    naive: true,
    get roundTrips() {
      return roundTrips;
    },
    keysFor,
    async read(key) {
      const [tokensKey, lastKey] = keysFor(key) as [string, string];
      const tokens = await call('GET tokens', () => redis.get(tokensKey));
      const last = await call('GET last', () => redis.get(lastKey));
      if (tokens === null || last === null) return undefined;
      return { tokens: Number(tokens), lastMs: Number(last) };
    },
    decide(state, nowMs, cost = 1) {
      const next = state ? tokenBucket.clone(state) : tokenBucket.initial(rule, nowMs);
      const decision = tokenBucket.decideInPlace(rule, next, nowMs, cost);
      return { decision, state: next };
    },
    async write(key, state) {
      const [tokensKey, lastKey] = keysFor(key) as [string, string];
      // Two separate SETs: even their pair is not atomic with the reads above, which is the point.
      await call('SET tokens', () => redis.set(tokensKey, String(state.tokens), 'PX', options.keyTtlMs));
      await call('SET last', () => redis.set(lastKey, String(state.lastMs), 'PX', options.keyTtlMs));
    },
    async check(key, checkOptions = {}): Promise<CheckResult> {
      const { cost, nowMs } = checkInputs(rule, key, checkOptions);
      let time = nowMs ?? (options.clock === 'app' ? options.now() : undefined);
      if (time === undefined) {
        const reply = (await call('TIME', () => redis.time())) as [string, string];
        time = Number(reply[0]) * 1000 + Math.floor(Number(reply[1]) / 1000);
      }
      const stored = await limiter.read(key);
      const { decision, state } = limiter.decide(stored, time, cost);
      await limiter.write(key, state);
      return { ...decision, tMs: time, key };
    },
  };
  return limiter;
}
