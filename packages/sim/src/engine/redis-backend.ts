import { createLimiter, type Decision, type Limiter, type NaiveLimiter, type RedisLike } from '@ratelab/algorithms';
import { ruleOf, type ScenarioLimiter } from '../scenario/types.js';
import type { AsyncBackend, Command, Reply } from './backend.js';
import { SimBackend } from './sim-backend.js';

/** A Redis client the `lua` and `redis` engines can drive: what the limiter needs, plus DEL for cleaning up. */
export type SimRedis = RedisLike & { del(...keys: string[]): Promise<number> };

/**
 * Virtual time is not Redis's time, so keys must not expire on Redis's clock in the middle of a run: a day is far
 * longer than any run takes in real time, and every key is deleted at the end anyway.
 */
const KEY_TTL_MS = 86_400_000;

/**
 * The `lua` / `redis` engines' backend: the real Lua scripts through `createLimiter` (virtual time as `nowMs`) on the
 * client the caller passes, and the naive bucket's GET and SET commands on the same keys `createLimiter` uses.
 * The decision fields come from Redis. The before/after numbers come from the pure model run beside it on the same
 * inputs (reading every algorithm's Redis layout back would double the commands); if the script and the model ever
 * disagreed, the decision fields would show it and `compareTraces` would report it.
 */
export class RedisBackend implements AsyncBackend {
  private readonly limiter: Limiter;
  private readonly shadow: SimBackend;
  private readonly touched = new Set<string>();

  constructor(
    private readonly redis: SimRedis,
    rule: ScenarioLimiter,
    prefix: string,
    detail: boolean,
  ) {
    this.limiter = createLimiter(redis, ruleOf(rule), { prefix, clock: 'app', keyTtlMs: KEY_TTL_MS });
    this.shadow = new SimBackend(rule, detail);
  }

  async exec(cmd: Command): Promise<Reply> {
    this.touched.add(cmd.key);
    if (cmd.op === 'script') {
      const r = await this.limiter.check(cmd.key, { cost: cmd.cost, nowMs: cmd.nowMs });
      const shadow = this.shadow.exec(cmd) as Exclude<Reply, number | null>;
      const decision: Decision = { allowed: r.allowed, remaining: r.remaining, limit: r.limit, retryAfterMs: r.retryAfterMs, resetMs: r.resetMs };
      if (r.delayMs !== undefined) decision.delayMs = r.delayMs;
      return { ...shadow, decision };
    }
    const [tokensKey, lastKey] = (this.limiter as NaiveLimiter).keysFor(cmd.key) as [string, string];
    const redisKey = cmd.field === 'tokens' ? tokensKey : lastKey;
    if (cmd.op === 'get') {
      const value = await this.redis.get(redisKey);
      return value === null ? null : Number(value);
    }
    await this.redis.set(redisKey, String(cmd.value), 'PX', KEY_TTL_MS);
    return null;
  }

  async cleanup(): Promise<void> {
    const keys = [...this.touched].flatMap((key) => this.limiter.keysFor(key));
    for (let i = 0; i < keys.length; i += 500) await this.redis.del(...keys.slice(i, i + 500));
  }
}
