import { MemoryLimiter, ruleCapacity, tokenBucket, type Decision, type Rule } from '@ratelab/algorithms';
import { VirtualClock } from '../clock.js';
import { EventQueue } from '../event-queue.js';
import { stream, type Prng } from '../prng.js';
import { estimateArrivals } from '../scenario/arrivals-estimate.js';
import { ruleOf, type Resilience, type Scenario, type ScenarioClient } from '../scenario/types.js';
import { explainDecision, explainFallback } from '../trace/explain.js';
import { DecisionColumns } from '../trace/decision-columns.js';
import type { FallbackKind } from '../trace/decision-flags.js';
import type { BreakerTransition, FallbackReason } from '../trace/types.js';
import { ArrivalSchedule } from './arrival-schedule.js';
import { arrivalStream } from './arrivals.js';
import type { Command, Reply, ScriptReply, SyncBackend } from './backend.js';
import { Breakers } from './breakers.js';
import { Network } from './network.js';
import { commandFor, copyReq, newReq, newScriptCommand, resetReq, type Req } from './request.js';
import { retryDelay } from './retry.js';

/** A command's failure: Redis was down when it arrived. */
const FAILED = Symbol('redis-failed');
type Outcome = Reply | typeof FAILED;

type Ev =
  | { kind: 'timer'; fn: () => void }
  | { kind: 'at-redis'; req: Req }
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
  /** The decisions, in columns: a big run records a million, and objects would cost more than the simulation. */
  readonly columns: DecisionColumns;
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
  /** Per client: its cost, in a small array of numbers (read on every decision; the client objects are scattered). */
  private readonly costs: number[];
  private readonly routing: Scenario['topology']['routing'];
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
  /** An atomic script on a synchronous backend with no latency and no faults: requests take the short path in `arrive`. */
  private readonly direct: boolean;
  /**
   * The request and script command reused by every attempt. A request runs synchronously from arrival to decision
   * unless it has to wait (latency, a slow fault, an async backend): only then is it copied, so a run without
   * latency allocates neither per decision. At most one request is ever on the way through these calls.
   */
  private readonly scratch = newReq();
  private readonly scratchScript = newScriptCommand();

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
    this.costs = scenario.clients.map((c) => c.cost);
    this.routing = topology.routing;
    this.keys = scenario.clients.map((c) => c.key ?? c.id);
    const slotOf = new Map<string, number>();
    this.slots = this.keys.map((key) => {
      if (!slotOf.has(key)) slotOf.set(key, slotOf.size);
      return slotOf.get(key) as number;
    });
    // Room for every expected arrival up front (retries may still grow the columns once).
    const expected = scenario.clients.reduce((n, c) => n + estimateArrivals(c.arrivals, durationMs), 0);
    const names = scenario.clients.map((c, i) => ({ id: c.id, key: this.keys[i] as string }));
    this.columns = new DecisionColumns(names, options.detail, Math.min(options.maxDecisions, Math.ceil(expected)));
    this.skew = Array.from({ length: topology.replicas }, (_, r) => topology.clockSkewMs?.[r] ?? 0);
    this.schedule = new ArrivalSchedule(scenario.clients.map((c, i) => arrivalStream(c.arrivals, durationMs, seed, i)));
    this.network = new Network(topology, scenario.faults, seed);
    this.direct = !this.naive && options.backend !== undefined && this.network.instant;
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
    this.handle(this.queue.popPayload() as Ev);
    return true;
  }

  /** Runs one event of the queue (kept out of `step`, so the arrival path stays small enough to inline). */
  private handle(ev: Ev): void {
    switch (ev.kind) {
      case 'timer':
        ev.fn();
        break;
      case 'at-redis':
        this.atRedis(ev.req);
        break;
      case 'reply':
        this.onReply(ev.req, ev.outcome);
        break;
      case 'retry':
        this.inflight -= 1;
        this.arrive(ev.client, ev.attempt);
        break;
    }
  }

  private finish(): boolean {
    this.done = true;
    this.breakers?.stop();
    // Decisions are recorded when the replica learns them; the trace lists them in decision order (by tMs).
    this.columns.sortByTime();
    return false;
  }

  private arrive(client: number, attempt: number): void {
    const now = this.clock.now;
    this.inflight += 1;
    const replicas = this.skew.length;
    const routing = this.routing;
    let replica = 0;
    if (replicas > 1) {
      if (routing === 'round-robin') replica = this.roundRobin++ % replicas;
      else if (routing === 'random') replica = this.routingRng.int(0, replicas - 1);
      else replica = client % replicas;
    }
    const appNowMs = Math.max(0, now + (this.skew[replica] as number));
    const req = resetReq(this.scratch, client, attempt, now, replica, appNowMs);
    if (this.breakers && !this.breakers.tryAttempt(replica)) return this.fallback(req, 'breaker-open');
    if (this.direct) {
      // What send, atRedis, respond and onReply do for a script when nothing delays or fails it: the command
      // reaches Redis and its reply comes back at this very millisecond (req.decidedAtMs is already now).
      if (this.clockMode === 'redis') req.nowMs = now;
      const command = commandFor(req, this.keys[client] as string, this.slots[client] as number, this.costs[client] as number, this.scratchScript);
      const r = (this.options.backend as SyncBackend).exec(command) as ScriptReply;
      this.breakers?.succeeded(replica);
      return this.record(req, r.decision, r.before, r.after);
    }
    if (this.naive) req.step = this.clockMode === 'redis' ? 'time' : 'get-tokens';
    return this.send(req);
  }

  private cost(req: Req): number {
    return this.costs[req.client] as number;
  }

  /** The request leg: the command reaches Redis after one draw of latency (at once when it is 0). */
  private send(req: Req): void {
    const latency = this.network.latency();
    if (latency === 0) return this.atRedis(req);
    this.queue.push(this.clock.now + latency, { kind: 'at-redis', req: this.keep(req) });
  }

  /** The request itself if it is not the reusable one, else a copy that can wait in the queue. */
  private keep(req: Req): Req {
    return req === this.scratch ? copyReq(req) : req;
  }

  /** Redis executes the command at the virtual time it arrives; a fault is looked up by that time. */
  private atRedis(req: Req): void {
    const now = this.clock.now;
    let extra = 0;
    if (this.network.hasFaults) {
      const condition = this.network.conditionAt(now);
      if (condition.down) return this.respond(req, FAILED, 0);
      extra = condition.extraMs;
    }
    if (req.step === 'time') return this.respond(req, now, extra);
    if (req.step === 'script') {
      if (this.clockMode === 'redis') req.nowMs = now;
      req.decidedAtMs = now;
    }
    const c = req.client;
    const backend = this.options.backend;
    const key = this.keys[c] as string;
    const slot = this.slots[c] as number;
    if (backend) return this.respond(req, backend.exec(commandFor(req, key, slot, this.cost(req), this.scratchScript)), extra);
    this.pending = { cmd: commandFor(req, key, slot, this.cost(req)), req: this.keep(req), extra };
  }

  /** Hands the async backend's reply to the command left in `pending` (no closure: this is the hot path). */
  resume(reply: Reply): void {
    const pending = this.pending as { cmd: Command; req: Req; extra: number };
    this.pending = null;
    this.respond(pending.req, reply, pending.extra);
  }

  /**
   * The response leg, slowed by a `redis-slow` fault that covered the command's arrival. A script reply that has
   * to wait is copied: a synchronous backend may reuse its reply object on the next command.
   */
  private respond(req: Req, outcome: Outcome, extra: number): void {
    const latency = this.network.latency() + extra;
    if (latency === 0) return this.onReply(req, outcome);
    const kept = typeof outcome === 'object' && outcome !== null ? { ...outcome } : outcome;
    this.queue.push(this.clock.now + latency, { kind: 'reply', req: this.keep(req), outcome: kept });
  }

  private onReply(req: Req, outcome: Outcome): void {
    if (outcome === FAILED) {
      this.breakers?.failed(req.replica);
      return this.fallback(req, 'redis-error');
    }
    switch (req.step) {
      case 'script': {
        this.breakers?.succeeded(req.replica);
        const r = outcome as ScriptReply;
        return this.record(req, r.decision, r.before, r.after);
      }
      case 'time':
        req.nowMs = outcome as number;
        req.step = 'get-tokens';
        return this.send(req);
      case 'get-tokens':
        req.tokens = outcome as number | null;
        req.step = 'get-last';
        return this.send(req);
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
        return this.send(req);
      }
      case 'set-tokens':
        req.step = 'set-last';
        return this.send(req);
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
    fallback?: FallbackKind,
    reason?: FallbackReason,
  ): void {
    this.inflight -= 1;
    const cost = this.costs[req.client] as number;
    const columns = this.columns;
    columns.push(req.decidedAtMs, req.client, req.replica, req.attempt, req.nowMs, req.arrivalMs, cost, d, fallback, reason);
    if (this.options.detail) {
      const inner = after && (fallback === undefined || fallback === 'local') ? explainDecision(this.rule, d, after, cost) : undefined;
      const explanation = fallback ? explainFallback(fallback, reason as FallbackReason, req.replica, inner) : inner;
      columns.pushDetails(explanation, before ?? {}, after ?? {});
    }
    if (columns.length >= this.options.maxDecisions) {
      this.truncated = true;
      this.finish();
      return;
    }
    if (d.allowed) return;
    const delay = retryDelay((this.clients[req.client] as ScenarioClient).retry, req.attempt, d.retryAfterMs, this.retryRng);
    if (delay === undefined) return;
    const at = this.clock.now + delay;
    if (at >= this.scenario.durationMs) return;
    this.inflight += 1;
    this.queue.push(at, { kind: 'retry', client: req.client, attempt: req.attempt + 1 });
  }
}
