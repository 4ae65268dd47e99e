import { costIssue, createLimiter, keyIssue, MemoryLimiter, type Limiter, type RedisLike, type Rule } from '@ratelab/algorithms';
import { NO_BREAKER, type BreakerLike } from '../resilience/breaker-like.js';
import { algorithmRule, type LiveRule } from '../rules/live-rule.js';
import type { LiveDecision } from './decision-source.js';
import { scaleRule } from './scale-rule.js';

export interface LiveLimiterOptions {
  redis: RedisLike;
  /** Guards Redis; while open no Redis call is made (default: none, every call tries Redis). */
  breaker?: BreakerLike;
  /** Live processes sharing the limit, for local-fallback (default: always 1). */
  processes?: () => number;
  /** App clock for the in-memory fallback (and for `clock: 'app'`), in ms (default Date.now). */
  now?: () => number;
  /**
   * Where decision time comes from: Redis TIME inside the script, or this process's clock (default 'redis').
   * The embedded ioredis-mock uses 'app': its TIME rounds seconds and can step backwards.
   */
  clock?: 'redis' | 'app';
  /** Retry-After for `deny` when no breaker says how long, in ms (default 1000). */
  denyRetryMs?: number;
  /** Called with every decision (metrics, events). */
  onDecision?: (decision: LiveDecision) => void;
  /** Keys kept by each in-memory fallback limiter (default 10,000). */
  fallbackMaxKeys?: number;
}

const SHORT: Record<Rule['algorithm'], string> = {
  'token-bucket': 'tb',
  'token-bucket-naive': 'tn',
  'leaky-bucket': 'lb',
  'fixed-window': 'fw',
  'sliding-log': 'sl',
  'sliding-counter': 'sc',
  gcra: 'gc',
};

const signature = (rule: LiveRule) => JSON.stringify(algorithmRule(rule));

/**
 * The live limiter: decides a request on Redis with the rule's atomic script (one round trip, Redis time), and
 * when Redis cannot be used — breaker open, timeout, connection error — applies the rule's onRedisDown policy.
 * A decision is always returned; only bad arguments (key, cost) throw, as RangeError.
 */
export class LiveLimiter {
  private readonly limiters = new Map<string, { sig: string; limiter: Limiter }>();
  private readonly fallbacks = new Map<string, { sig: string; limiter: MemoryLimiter }>();
  private readonly breaker: BreakerLike;

  constructor(private readonly options: LiveLimiterOptions) {
    this.breaker = options.breaker ?? NO_BREAKER;
  }

  async decide(rule: LiveRule, key: string, cost = 1): Promise<LiveDecision> {
    if (rule.algorithm === 'token-bucket-naive') {
      // The naive bucket double-spends under concurrency; it is a teaching variant for the race lab only.
      throw new RangeError('token-bucket-naive is never used for live traffic; use token-bucket');
    }
    const keyProblem = keyIssue(key);
    if (keyProblem) throw new RangeError(keyProblem);
    const costProblem = costIssue(rule, cost);
    if (costProblem) throw new RangeError(costProblem);
    let reason: string;
    if (this.breaker.tryAttempt()) {
      try {
        const result = await this.limiterFor(rule).check(key, { cost });
        this.breaker.success();
        const { tMs: _t, key: _k, ...decision } = result;
        return this.emit({ ...decision, rule: rule.id, key, cost, source: 'redis' });
      } catch (error) {
        this.breaker.failure();
        reason = error instanceof Error ? error.message : String(error);
      }
    } else {
      reason = `circuit breaker is ${this.breaker.state}: Redis not consulted`;
    }
    return this.emit(this.fallback(rule, key, cost, reason));
  }

  private fallback(rule: LiveRule, key: string, cost: number, reason: string): LiveDecision {
    const limit = rule.algorithm === 'gcra' ? rule.burst : 'capacity' in rule ? rule.capacity : rule.limit;
    const base = { rule: rule.id, key, cost, reason, limit };
    const waitMs = Math.max(this.breaker.remainingOpenMs(), this.options.denyRetryMs ?? 1000);
    if (rule.onRedisDown === 'allow') return { ...base, allowed: true, remaining: 0, retryAfterMs: 0, resetMs: 0, source: 'allow' };
    if (rule.onRedisDown === 'deny') return { ...base, allowed: false, remaining: 0, retryAfterMs: waitMs, resetMs: waitMs, source: 'deny' };
    const processes = Math.max(1, this.options.processes?.() ?? 1);
    const local = this.fallbackFor(rule, processes);
    const nowMs = (this.options.now ?? Date.now)();
    if (costIssue(local.rule, cost)) {
      // The per-process share is smaller than this request's cost: it can never pass locally.
      return { ...base, allowed: false, remaining: 0, retryAfterMs: waitMs, resetMs: waitMs, source: 'local-fallback' };
    }
    const decision = local.check(`${rule.id}\u0000${key}`, nowMs, cost);
    return { ...decision, rule: rule.id, key, cost, reason: `${reason}; local share 1/${processes}`, source: 'local-fallback' };
  }

  private limiterFor(rule: LiveRule): Limiter {
    const sig = signature(rule);
    const cached = this.limiters.get(rule.id);
    if (cached && cached.sig === sig) return cached.limiter;
    const limiter = createLimiter(this.options.redis, algorithmRule(rule), {
      prefix: `lv:${SHORT[rule.algorithm]}:${rule.id}`,
      clock: this.options.clock ?? 'redis',
      ...(this.options.now ? { now: this.options.now } : {}),
    });
    this.limiters.set(rule.id, { sig, limiter });
    return limiter;
  }

  private fallbackFor(rule: LiveRule, processes: number): MemoryLimiter {
    const sig = `${processes}|${signature(rule)}`;
    const cached = this.fallbacks.get(rule.id);
    if (cached && cached.sig === sig) return cached.limiter;
    const limiter = new MemoryLimiter(scaleRule(algorithmRule(rule), processes), { maxKeys: this.options.fallbackMaxKeys ?? 10_000 });
    this.fallbacks.set(rule.id, { sig, limiter });
    return limiter;
  }

  /** Forgets cached limiters of rules no longer in force (bounded memory as rules come and go). */
  retain(ids: Set<string>): void {
    for (const id of [...this.limiters.keys()]) if (!ids.has(id)) this.limiters.delete(id);
    for (const id of [...this.fallbacks.keys()]) if (!ids.has(id)) this.fallbacks.delete(id);
  }

  private emit(decision: LiveDecision): LiveDecision {
    this.options.onDecision?.(decision);
    return decision;
  }
}
