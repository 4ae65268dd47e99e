import { SCRIPTS } from '../lua/scripts.js';
import { RuleError, type Rule } from '../rules.js';
import { BATCH_REPLY_WIDTH, batchScriptFor } from './batch-script.js';
import { clusterSlot } from './batch-slot.js';
import { checkInputs, type ResolvedOptions } from './create-limiter.js';
import { redisKeys } from './keys.js';
import type { CheckResult, Limiter } from './limiter.js';
import { RedisUnavailableError, type RedisLike } from './redis-like.js';

/** Tuning of `batch` mode; both bounds keep one script call short, so other clients of Redis are not starved. */
export interface BatchOptions {
  /** Most checks one script call decides (default 128, at most 1000). */
  maxBatch?: number;
  /** Most batch calls awaiting Redis at once for one limiter (default 2, at most 16); later checks queue. */
  maxInFlight?: number;
  /** Most checks waiting for a call (default 10,000); beyond it a check rejects at once instead of queueing. */
  maxQueued?: number;
}

export const BATCH_DEFAULTS = { maxBatch: 128, maxInFlight: 2, maxQueued: 10_000 } as const;
/** Checks below which a flush does not split the queue across free call slots. */
const MIN_SPLIT = 16;

function resolveBatch(batch: true | BatchOptions): Required<BatchOptions> {
  const options = batch === true ? {} : batch;
  const maxBatch = options.maxBatch ?? BATCH_DEFAULTS.maxBatch;
  const maxInFlight = options.maxInFlight ?? BATCH_DEFAULTS.maxInFlight;
  const maxQueued = options.maxQueued ?? BATCH_DEFAULTS.maxQueued;
  const problems = [];
  if (!Number.isInteger(maxBatch) || maxBatch < 1 || maxBatch > 1000)
    problems.push({ path: 'options.batch.maxBatch', message: 'maxBatch must be a whole number from 1 to 1000' });
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1 || maxInFlight > 16)
    problems.push({ path: 'options.batch.maxInFlight', message: 'maxInFlight must be a whole number from 1 to 16' });
  if (!Number.isInteger(maxQueued) || maxQueued < 1 || maxQueued > 1_000_000)
    problems.push({ path: 'options.batch.maxQueued', message: 'maxQueued must be a whole number from 1 to 1,000,000' });
  if (problems.length) throw new RuleError(problems);
  return { maxBatch, maxInFlight, maxQueued };
}

/** One check waiting for its batch; plain fields so the queue holds small, same-shaped objects. */
interface Pending {
  key: string;
  at: number | '';
  cost: number;
  resolve: (result: CheckResult) => void;
  reject: (error: unknown) => void;
}

/**
 * The opt-in batching limiter (`createLimiter(redis, rule, { batch: true })`). Checks wait in a FIFO queue and
 * leave it in issue order: a flush runs on the microtask after a check is queued, or when a batch call returns,
 * and sends up to `maxBatch` checks per script call (one call per Cluster slot) while fewer than `maxInFlight`
 * calls are outstanding. Under load, checks issued while Redis is busy ride together in the next call; when idle,
 * a check leaves on the next microtask, so batching adds no timer delay. Calls of one slot use one connection,
 * which Redis serves in order, so even across batches a key sees its checks in issue order.
 */
export function createBatchLimiter(redis: RedisLike, rule: Rule, resolved: ResolvedOptions, batch: true | BatchOptions): Limiter {
  if (rule.algorithm === 'token-bucket-naive')
    throw new RuleError([{ path: 'options.batch', message: 'the naive bucket is non-atomic on purpose; batching does not apply to it' }]);
  const { maxBatch, maxInFlight, maxQueued } = resolveBatch(batch);
  const script = SCRIPTS[rule.algorithm];
  const batchScript = batchScriptFor(script);
  const suffixes = script.keySuffixes;
  const params = script.params(rule);
  const header: (string | number)[] = [suffixes.length, resolved.keyTtlMs, params.length, ...params];
  const limit = 'capacity' in rule ? rule.capacity : 'limit' in rule ? rule.limit : rule.burst;
  const withDelay = rule.algorithm === 'leaky-bucket';
  const isCluster = (redis as { isCluster?: boolean }).isCluster === true;
  const queue: Pending[] = [];
  let head = 0;
  let inFlight = 0;
  let scheduled = false;
  // Until one call has loaded the script, send its full text (EVAL) and one call at a time, so a NOSCRIPT retry
  // can never let a later batch overtake an earlier one.
  let loaded = false;
  let roundTrips = 0;

  const settle = (group: Pending[], reply: unknown) => {
    if (!Array.isArray(reply) || reply.length !== group.length * BATCH_REPLY_WIDTH) {
      const error = new RedisUnavailableError(`${rule.algorithm} batch script`, new Error(`unexpected reply of ${Array.isArray(reply) ? reply.length : typeof reply}`));
      for (const p of group) p.reject(error);
      return;
    }
    for (let i = 0; i < group.length; i += 1) {
      const p = group[i] as Pending;
      const o = i * BATCH_REPLY_WIDTH;
      const result: CheckResult = {
        allowed: Number(reply[o]) === 1,
        remaining: Number(reply[o + 1]),
        limit,
        retryAfterMs: Number(reply[o + 2]),
        resetMs: Number(reply[o + 3]),
        tMs: Number(reply[o + 5]),
        key: p.key,
      };
      if (withDelay) result.delayMs = Number(reply[o + 4]);
      p.resolve(result);
    }
  };

  const call = async (group: Pending[]) => {
    const keys: string[] = [];
    const argv: (string | number)[] = header.slice();
    for (const p of group) {
      for (const suffix of suffixes) keys.push(`rl:{${resolved.prefix}:${p.key}}:${suffix}`);
      argv.push(p.at, p.cost);
    }
    inFlight += 1;
    roundTrips += 1;
    try {
      let reply: unknown;
      if (!loaded) {
        reply = await redis.eval(batchScript.source, keys.length, ...keys, ...argv);
        loaded = true;
      } else {
        try {
          reply = await redis.evalsha(batchScript.sha, keys.length, ...keys, ...argv);
        } catch (error) {
          if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
          roundTrips += 1;
          reply = await redis.eval(batchScript.source, keys.length, ...keys, ...argv);
        }
      }
      settle(group, reply);
    } catch (error) {
      const failure = new RedisUnavailableError(`${rule.algorithm} batch script`, error);
      for (const p of group) p.reject(failure);
    } finally {
      inFlight -= 1;
      flush();
    }
  };

  function flush() {
    scheduled = false;
    while (head < queue.length && inFlight < (loaded ? maxInFlight : 1)) {
      // Spread what is queued over the free call slots, so Redis decides one batch while this process is still
      // handling the previous reply (the two overlap on separate cores), but never below MIN_SPLIT per call.
      const free = (loaded ? maxInFlight : 1) - inFlight;
      const queued = queue.length - head;
      const size = Math.min(maxBatch, Math.max(MIN_SPLIT, Math.ceil(queued / free)));
      const end = Math.min(queue.length, head + size);
      const chunk = queue.slice(head, end);
      head = end;
      if (!isCluster) {
        void call(chunk);
        continue;
      }
      // A Cluster refuses a script whose keys span slots: one call per slot, each keeping issue order.
      const bySlot = new Map<number, Pending[]>();
      for (const p of chunk) {
        const slot = clusterSlot(redisKeys(resolved.prefix, p.key, suffixes)[0] as string);
        const group = bySlot.get(slot);
        if (group) group.push(p);
        else bySlot.set(slot, [p]);
      }
      for (const group of bySlot.values()) void call(group);
    }
    // Drop the sent prefix: at once when the queue is empty, and now and then under steady load, when it never is.
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    } else if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
  }

  return {
    rule,
    prefix: resolved.prefix,
    get roundTrips() {
      return roundTrips;
    },
    keysFor: (key) => redisKeys(resolved.prefix, key, suffixes),
    check(key, checkOptions = {}) {
      let cost: number;
      let nowMs: number | undefined;
      try {
        ({ cost, nowMs } = checkInputs(rule, key, checkOptions));
      } catch (error) {
        // Like the unbatched check (an async function), bad input rejects rather than throwing synchronously.
        return Promise.reject(error);
      }
      const time = nowMs ?? (resolved.clock === 'app' ? resolved.now() : undefined);
      if (queue.length - head >= maxQueued)
        return Promise.reject(new RedisUnavailableError(`${rule.algorithm} batch queue`, new Error(`${maxQueued} checks already wait for Redis (options.batch.maxQueued)`)));
      return new Promise<CheckResult>((resolve, reject) => {
        queue.push({ key, at: time === undefined ? '' : time, cost, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          queueMicrotask(flush);
        }
      });
    },
  };
}
