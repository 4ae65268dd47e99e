import { MemoryLimiter, ruleCapacity, tokenBucket, type Decision, type Rule, type TokenBucketState } from '@ratelab/algorithms';
import { VirtualClock } from '../clock.js';
import { EventQueue } from '../event-queue.js';
import { stream, type Prng } from '../prng.js';
import { ruleOf, type Resilience, type Scenario, type ScenarioClient } from '../scenario/types.js';
import { explainDecision, explainFallback } from '../trace/explain.js';
import type { BreakerTransition, FallbackReason, TraceDecision } from '../trace/types.js';
import { ArrivalSchedule, arrivalStream } from './arrivals.js';
import type { Command, Reply, ScriptReply, SyncBackend } from './backend.js';
import { Breakers } from './breakers.js';
import { Network } from './network.js';
import { retryDelay } from './retry.js';

/** A command's failure: Redis was down when it arrived. */
const FAILED = Symbol('redis-failed');
type Outcome = Reply | typeof FAILED;
type TimeCommand = { op: 'time' };

/** One attempt of one request, from its arrival at a replica until the replica knows the decision. */
interface Req {
  client: number;
  attempt: number;
  arrivalMs: number;
  replica: number;
  appNowMs: number;
  nowMs: number;
  decidedAtMs: number;
  /** The naive bucket's progress: which command's reply is awaited. */
  step: 'time' | 'get-tokens' | 'get-last' | 'set-tokens' | 'set-last' | 'script';
  tokens: number | null;
  state?: TokenBucketState;
  reply?: ScriptReply;
}

type Ev =
  | { kind: 'timer'; fn: () => void }
  | { kind: 'at-redis'; req: Req; cmd: Command | TimeCommand }
  | { kind: 'reply'; req: Req; outcome: Outcome }
  | { kind: 'retry'; client: number; attempt: number };

export interface RunOptions {
  detail: boolean;
  maxDecisions: number;
  /** The synchronous backend; without one, every command waits in `pending` for the async driver. */
  backend?: SyncBackend;
  breakerLog: BreakerTransition[];
}

/**
 * One limiter's run of a scenario: the discrete-event loop. Time comes only from the virtual clock, order only
 * from the event queue (time, then sequence) and the arrival schedule (time, then client), randomness only from
 * named PRNG streams. At one millisecond, events scheduled before the clock reached it run first, then that
 * millisecond's arrivals, then events scheduled while handling them. `step()` handles one event or arrival; with
 * an async backend a Redis command is left in `pending`; the driver runs it and calls `resume` before the next step.
 */
export class LimiterRun {
  readonly decisions: TraceDecision[] = [];
  /** The client index of each decision, so the summary needs no lookups by name. */
  readonly decisionClients: number[] = [];
  truncated = false;
  /** With an async backend: the command the driver must run before the next step, then pass to `resume`. */
  pending: { cmd: Command; req: Req; extra: number } | null = null;

  private readonly clock = new VirtualClock();
  private readonly queue = new EventQueue<Ev>();
  private readonly schedule: ArrivalSchedule;
  private readonly network: Network;
  private readonly breakers: Breakers | undefined;
  private readonly locals: MemoryLimiter[] | undefined;
  private readonly routingRng: Prng;
  private readonly retryRng: Prng;
  private readonly rule: Rule;
  private readonly naive: boolean;
  private readonly clients: ScenarioClient[];
  private readonly keys: string[];
  /** Per client: the slot of its key (clients sharing a key share a slot). */
  private readonly slots: number[];
  private readonly skew: number[];
  private readonly clockMode: 'app' | 'redis';
  private readonly resilience: Resilience;
  private markTime = -1;
  private markSeq = 0;
  private inflight = 0;
  private roundRobin = 0;
  private done = false;

  constructor(
    private readonly scenario: Scenario,
    limiterIndex: number,
    private readonly options: RunOptions,
  ) {
    const { seed, topology, durationMs } = scenario;
    const limiter = scenario.limiters[limiterIndex] as Scenario['limiters'][number];
    this.rule = ruleOf(limiter);
    this.naive = limiter.algorithm === 'token-bucket-naive';
    this.clients = scenario.clients;
    this.keys = scenario.clients.map((c) => c.key ?? c.id);
    const slotOf = new Map<string, number>();
    this.slots = this.keys.map((key) => {
      if (!slotOf.has(key)) slotOf.set(key, slotOf.size);
      return slotOf.get(key) as number;
    });
    this.skew = Array.from({ length: topology.replicas }, (_, r) => topology.clockSkewMs?.[r] ?? 0);
    this.schedule = new ArrivalSchedule(scenario.clients.map((c, i) => arrivalStream(c.arrivals, durationMs, seed, i)));
    this.network = new Network(topology, scenario.faults, seed);
    this.routingRng = stream(seed, 'routing');
    this.retryRng = stream(seed, 'retry');
    this.clockMode = limiter.clock ?? topology.clock;
    this.resilience = limiter.resilience ?? scenario.resilience;
    const breaker = this.resilience.breaker;
    if (breaker) this.breakers = new Breakers(breaker, topology.replicas, this.clock, this.queue, limiter.id, options.breakerLog);
    if (this.resilience.onRedisDown === 'local-fallback')
      this.locals = Array.from({ length: topology.replicas }, () => new MemoryLimiter(ruleOf(limiter)));
  }

  /** Handles the next event or arrival; false once every request has been decided (or the run was cut short). */
  step(): boolean {
    if (this.done) return false;
    const tA = this.schedule.peekTime();
    if (tA === Infinity && this.inflight === 0) return this.finish();
    const tE = this.queue.peekTime();
    const t = tA < tE ? tA : tE;
    // Unreachable while the in-flight count is right; ending beats advancing the clock to Infinity if it is not.
    if (t === Infinity) return this.finish();
    if (t !== this.markTime) {
      this.clock.advanceTo(t);
      this.markTime = t;
      this.markSeq = this.queue.nextSequence;
    }
    if (tA === t && !(tE === t && this.queue.peekSeq() < this.markSeq)) {
      this.arrive(this.schedule.take(), 1);
      return true;
    }
    const ev = this.queue.popPayload() as Ev;
    switch (ev.kind) {
      case 'timer':
        ev.fn();
        break;
      case 'at-redis':
        this.atRedis(ev.req, ev.cmd);
        break;
      case 'reply':
        this.onReply(ev.req, ev.outcome);
        break;
      case 'retry':
        this.inflight -= 1;
        this.arrive(ev.client, ev.attempt);
        break;
    }
    return true;
  }

  private finish(): boolean {
    this.done = true;
    this.breakers?.stop();
    this.sortByDecisionTime();
    return false;
  }

  /**
   * Decisions are recorded when the replica learns them, but the trace lists them in decision order (by `tMs`,
   * ties in recording order). With no latency they are recorded in that order already, and nothing is sorted.
   */
  private sortByDecisionTime(): void {
    const d = this.decisions;
    let sorted = true;
    for (let i = 1; i < d.length && sorted; i += 1) sorted = (d[i] as TraceDecision).tMs >= (d[i - 1] as TraceDecision).tMs;
    if (sorted) return;
    const order = d.map((_, i) => i).sort((a, b) => (d[a] as TraceDecision).tMs - (d[b] as TraceDecision).tMs || a - b);
    const decisions = order.map((i) => d[i] as TraceDecision);
    const clients = order.map((i) => this.decisionClients[i] as number);
    // Element by element: spreading a million items into splice() would overflow the call stack.
    for (let i = 0; i < order.length; i += 1) {
      d[i] = decisions[i] as TraceDecision;
      this.decisionClients[i] = clients[i] as number;
    }
  }

  private arrive(client: number, attempt: number): void {
    const now = this.clock.now;
    this.inflight += 1;
    const replicas = this.skew.length;
    const routing = this.scenario.topology.routing;
    let replica = 0;
    if (replicas > 1) {
      if (routing === 'round-robin') replica = this.roundRobin++ % replicas;
      else if (routing === 'random') replica = this.routingRng.int(0, replicas - 1);
      else replica = client % replicas;
    }
    const appNowMs = Math.max(0, now + (this.skew[replica] as number));
    const req: Req = { client, attempt, arrivalMs: now, replica, appNowMs, nowMs: appNowMs, decidedAtMs: now, step: 'script', tokens: null };
    if (this.breakers && !this.breakers.tryAttempt(replica)) return this.fallback(req, 'breaker-open');
    if (!this.naive) return this.send(req, { op: 'script', key: this.keys[client] as string, slot: this.slots[client] as number, nowMs: appNowMs, cost: this.cost(req) });
    if (this.clockMode === 'redis') {
      req.step = 'time';
      return this.send(req, { op: 'time' });
    }
    req.step = 'get-tokens';
    return this.send(req, { op: 'get', key: this.keys[client] as string, slot: this.slots[client] as number, field: 'tokens' });
  }

  private cost(req: Req): number {
    return (this.clients[req.client] as ScenarioClient).cost;
  }

  /** The request leg: the command reaches Redis after one draw of latency (at once when it is 0). */
  private send(req: Req, cmd: Command | TimeCommand): void {
    const latency = this.network.latency();
    if (latency === 0) return this.atRedis(req, cmd);
    this.queue.push(this.clock.now + latency, { kind: 'at-redis', req, cmd });
  }

  /** Redis executes the command at the virtual time it arrives; a fault is looked up by that time. */
  private atRedis(req: Req, cmd: Command | TimeCommand): void {
    const now = this.clock.now;
    let extra = 0;
    if (this.network.hasFaults) {
      const condition = this.network.conditionAt(now);
      if (condition.down) return this.respond(req, FAILED, 0);
      extra = condition.extraMs;
    }
    if (cmd.op === 'time') return this.respond(req, now, extra);
    if (cmd.op === 'script') {
      if (this.clockMode === 'redis') cmd.nowMs = now;
      req.nowMs = cmd.nowMs;
      req.decidedAtMs = now;
    }
    if (this.options.backend) return this.respond(req, this.options.backend.exec(cmd), extra);
    this.pending = { cmd, req, extra };
  }

  /** Hands the async backend's reply to the command left in `pending` (no closure: this is the hot path). */
  resume(reply: Reply): void {
    const pending = this.pending as { cmd: Command; req: Req; extra: number };
    this.pending = null;
    this.respond(pending.req, reply, pending.extra);
  }

  /** The response leg, slowed by a `redis-slow` fault that covered the command's arrival. */
  private respond(req: Req, outcome: Outcome, extra: number): void {
    const latency = this.network.latency() + extra;
    if (latency === 0) return this.onReply(req, outcome);
    this.queue.push(this.clock.now + latency, { kind: 'reply', req, outcome });
  }

  private onReply(req: Req, outcome: Outcome): void {
    if (outcome === FAILED) {
      this.breakers?.failed(req.replica);
      return this.fallback(req, 'redis-error');
    }
    const key = this.keys[req.client] as string;
    const slot = this.slots[req.client] as number;
    switch (req.step) {
      case 'script': {
        this.breakers?.succeeded(req.replica);
        const r = outcome as ScriptReply;
        return this.record(req, r.decision, r.before, r.after);
      }
      case 'time':
        req.nowMs = outcome as number;
        req.step = 'get-tokens';
        return this.send(req, { op: 'get', key, slot, field: 'tokens' });
      case 'get-tokens':
        req.tokens = outcome as number | null;
        req.step = 'get-last';
        return this.send(req, { op: 'get', key, slot, field: 'last' });
      case 'get-last': {
        // The application decides on what it read, which another replica may already have changed.
        const last = outcome as number | null;
        const rule = this.rule as Parameters<typeof tokenBucket.initial>[0];
        const state = req.tokens === null || last === null ? tokenBucket.initial(rule, req.nowMs) : { tokens: req.tokens, lastMs: last };
        const before = this.options.detail ? tokenBucket.describe(rule, state, req.nowMs) : undefined;
        const decision = tokenBucket.decideInPlace(rule, state, req.nowMs, this.cost(req));
        const after = this.options.detail ? tokenBucket.describe(rule, state, req.nowMs) : undefined;
        req.state = state;
        req.reply = { decision, before, after };
        req.decidedAtMs = this.clock.now;
        req.step = 'set-tokens';
        return this.send(req, { op: 'set', key, slot, field: 'tokens', value: state.tokens });
      }
      case 'set-tokens':
        req.step = 'set-last';
        return this.send(req, { op: 'set', key, slot, field: 'last', value: (req.state as TokenBucketState).lastMs });
      case 'set-last': {
        this.breakers?.succeeded(req.replica);
        const r = req.reply as ScriptReply;
        return this.record(req, r.decision, r.before, r.after);
      }
    }
  }

  /** Redis failed or was skipped: `onRedisDown` decides, at the replica, now. */
  private fallback(req: Req, reason: FallbackReason): void {
    const mode = this.resilience.onRedisDown;
    const now = this.clock.now;
    req.decidedAtMs = now;
    req.nowMs = Math.max(0, now + (this.skew[req.replica] as number));
    const limit = ruleCapacity(this.rule);
    if (mode !== 'local-fallback') {
      const allowed = mode === 'allow';
      // Fail-closed tells the client to come back when the breaker will let a probe through, as the server does.
      const retryAfterMs = allowed || !this.breakers ? 0 : this.breakers.remainingOpenMs(req.replica, now);
      const d: Decision = { allowed, remaining: 0, limit, retryAfterMs, resetMs: 0 };
      return this.record(req, d, undefined, undefined, allowed ? 'allow' : 'deny', reason);
    }
    const local = (this.locals as MemoryLimiter[])[req.replica] as MemoryLimiter;
    const key = this.keys[req.client] as string;
    const before = this.options.detail ? local.describe(key, req.nowMs) : undefined;
    const d = local.check(key, req.nowMs, this.cost(req));
    const after = this.options.detail ? local.describe(key, req.nowMs) : undefined;
    return this.record(req, d, before, after, 'local', reason);
  }

  /** Writes the decision into the trace and, when blocked, schedules the client's retry. */
  private record(
    req: Req,
    d: Decision,
    before: Record<string, number> | undefined,
    after: Record<string, number> | undefined,
    fallback?: 'allow' | 'deny' | 'local',
    reason?: FallbackReason,
  ): void {
    this.inflight -= 1;
    const client = this.clients[req.client] as ScenarioClient;
    const tMs = req.decidedAtMs;
    const rec: TraceDecision = {
      tMs,
      client: client.id,
      key: this.keys[req.client] as string,
      replica: req.replica,
      attempt: req.attempt,
      allowed: d.allowed,
      remaining: d.remaining,
      retryAfterMs: d.retryAfterMs,
    };
    if (d.delayMs !== undefined) rec.delayMs = d.delayMs;
    if (client.cost !== 1) rec.cost = client.cost;
    if (req.nowMs !== tMs) rec.nowMs = req.nowMs;
    if (req.arrivalMs !== tMs) rec.arrivalMs = req.arrivalMs;
    if (fallback) {
      rec.fallback = fallback;
      rec.fallbackReason = reason;
    }
    if (this.options.detail) {
      const inner = after && (fallback === undefined || fallback === 'local') ? explainDecision(this.rule, d, after, client.cost) : undefined;
      rec.explanation = fallback ? explainFallback(fallback, reason as FallbackReason, req.replica, inner) : (inner as string);
      rec.stateBefore = before ?? {};
      rec.stateAfter = after ?? {};
    }
    this.decisions.push(rec);
    this.decisionClients.push(req.client);
    if (this.decisions.length >= this.options.maxDecisions) {
      this.truncated = true;
      this.finish();
      return;
    }
    if (d.allowed) return;
    const delay = retryDelay(client.retry, req.attempt, d.retryAfterMs, this.retryRng);
    if (delay === undefined) return;
    const at = this.clock.now + delay;
    if (at >= this.scenario.durationMs) return;
    this.inflight += 1;
    this.queue.push(at, { kind: 'retry', client: req.client, attempt: req.attempt + 1 });
  }
}
