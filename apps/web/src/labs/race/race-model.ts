import { createLimiter, parseRule, step, type Decision, type NaiveLimiter, type RedisLike, type Rule, type TokenBucketState } from '@ratelab/algorithms';

/**
 * The race lab's world: replicas sending one key's commands to one Redis, one command per tick, in an order the
 * learner (or the explorer) chooses. Decisions are never written here: the naive bucket decides with the real
 * NaiveLimiter.decide() on whatever its two GETs returned, the atomic bucket with the pure token-bucket model
 * (the same arithmetic its Lua script runs, checked by the algorithms package's conformance tests).
 */
export type RaceMode = 'naive' | 'atomic';

export interface RaceSetup {
  mode: RaceMode;
  /** Replicas sharing the key (2-4). */
  replicas: number;
  /** Requests each replica checks, one after another (1-2). */
  requestsPerReplica: number;
  /** Bucket capacity (1-5); every request arrives at the same virtual instant, so no token refills. */
  capacity: number;
}

export type CommandName = 'GET tokens' | 'GET last' | 'SET tokens' | 'SET last' | 'EVALSHA token-bucket';

export interface Command {
  replica: number;
  request: number;
  name: CommandName;
}

/** What happened when one command reached Redis. */
export interface Executed extends Command {
  tick: number;
  reply: string;
  /** Set on the command after which its replica decided (the second GET, or the EVALSHA). */
  decision?: Decision & { explanation: string };
}

export interface ReplicaState {
  pc: number;
  tokens: string | null;
  last: string | null;
  pending?: TokenBucketState;
}

export interface RaceState {
  redis: Map<string, string>;
  atomic?: TokenBucketState;
  replicas: ReplicaState[];
  log: Executed[];
  /** Commands executed so far (the log may be left empty by the explorer). */
  tick: number;
  admitted: number;
  refused: number;
  /** The tick at which more requests had been admitted than sequential decisions allow (the double-spend), if any. */
  overAt?: number;
}

/** All requests arrive at this virtual time, as in POST /v1/race (one shared decision time per trial). */
export const RACE_NOW_MS = 0;
const KEY = 'shared-key';

/** The commands one replica sends, in its own program order. */
export function program(setup: RaceSetup): CommandName[] {
  const one: CommandName[] = setup.mode === 'naive' ? ['GET tokens', 'GET last', 'SET tokens', 'SET last'] : ['EVALSHA token-bucket'];
  return Array.from({ length: setup.requestsPerReplica }, () => one).flat();
}

export function ruleOf(setup: RaceSetup): Rule {
  return parseRule({ algorithm: setup.mode === 'naive' ? 'token-bucket-naive' : 'token-bucket', capacity: setup.capacity, refillPerSecond: 1 });
}

/** A Redis stand-in that is never called: the lab only needs the naive limiter's key names and decide step. */
const unused: RedisLike = {
  evalsha: () => Promise.reject(new Error('not used')),
  eval: () => Promise.reject(new Error('not used')),
  get: () => Promise.reject(new Error('not used')),
  set: () => Promise.reject(new Error('not used')),
  time: () => Promise.reject(new Error('not used')),
};

export interface RaceWorld {
  setup: RaceSetup;
  rule: Rule;
  naive: NaiveLimiter;
  program: CommandName[];
  keys: { tokens: string; last: string };
  /** Requests the same rule admits when they are decided one after another: anything above is a double-spend. */
  expected: number;
}

export function createWorld(setup: RaceSetup): RaceWorld {
  const rule = ruleOf(setup);
  const naiveRule = parseRule({ algorithm: 'token-bucket-naive', capacity: setup.capacity, refillPerSecond: 1 });
  const naive = createLimiter(unused, naiveRule, { prefix: 'race-lab', clock: 'app' }) as NaiveLimiter;
  const [tokens, last] = naive.keysFor(KEY) as [string, string];
  let state: unknown;
  let expected = 0;
  for (let i = 0; i < setup.replicas * setup.requestsPerReplica; i += 1) {
    const next = step(rule, state, RACE_NOW_MS);
    state = next.state;
    if (next.decision.allowed) expected += 1;
  }
  return { setup, rule, naive, program: program(setup), keys: { tokens, last }, expected };
}

export function initialState(world: RaceWorld): RaceState {
  return {
    redis: new Map(),
    replicas: Array.from({ length: world.setup.replicas }, () => ({ pc: 0, tokens: null, last: null })),
    log: [],
    tick: 0,
    admitted: 0,
    refused: 0,
  };
}

/** A copy for the explorer; `withLog` false leaves the command log empty, which the counts do not need. */
export function cloneState(s: RaceState, withLog = true): RaceState {
  return {
    redis: new Map(s.redis),
    ...(s.atomic ? { atomic: { ...s.atomic } } : {}),
    replicas: s.replicas.map((r) => ({ ...r, ...(r.pending ? { pending: { ...r.pending } } : {}) })),
    log: withLog ? s.log.slice() : [],
    tick: s.tick,
    admitted: s.admitted,
    refused: s.refused,
    ...(s.overAt !== undefined ? { overAt: s.overAt } : {}),
  };
}

export function nextCommand(world: RaceWorld, s: RaceState, replica: number): CommandName | undefined {
  const r = s.replicas[replica];
  return r ? world.program[r.pc] : undefined;
}

export function isDone(world: RaceWorld, s: RaceState): boolean {
  return s.replicas.every((r) => r.pc >= world.program.length);
}

function explain(d: Decision, stale: boolean): string {
  const what = d.allowed ? `allowed, ${d.remaining} token(s) left` : `blocked, retry after ${d.retryAfterMs} ms`;
  return stale ? `${what} (decided in the app on the values its GETs returned)` : `${what} (decided inside Redis, atomically)`;
}

/** Sends `replica`'s next command to Redis, mutating `s`. Returns false when that replica has nothing left to send. */
export function advance(world: RaceWorld, s: RaceState, replica: number): boolean {
  const r = s.replicas[replica];
  const name = r ? world.program[r.pc] : undefined;
  if (!r || !name) return false;
  const request = Math.floor(r.pc / (world.program.length / world.setup.requestsPerReplica));
  const done: Executed = { replica, request, name, tick: s.tick, reply: 'OK' };
  const { tokens, last } = world.keys;
  if (name === 'GET tokens' || name === 'GET last') {
    const value = s.redis.get(name === 'GET tokens' ? tokens : last) ?? null;
    done.reply = value ?? '(nil)';
    if (name === 'GET tokens') r.tokens = value;
    else {
      r.last = value;
      // Exactly what NaiveLimiter.read() returns for these two replies: a missing value means a key never seen.
      const stored = r.tokens === null || r.last === null ? undefined : { tokens: Number(r.tokens), lastMs: Number(r.last) };
      const { decision, state } = world.naive.decide(stored, RACE_NOW_MS);
      r.pending = state;
      done.decision = { ...decision, explanation: explain(decision, true) };
    }
  } else if (name === 'SET tokens' || name === 'SET last') {
    const pending = r.pending as TokenBucketState;
    s.redis.set(name === 'SET tokens' ? tokens : last, String(name === 'SET tokens' ? pending.tokens : pending.lastMs));
  } else {
    const next = step(world.rule, s.atomic, RACE_NOW_MS);
    s.atomic = next.state as TokenBucketState;
    done.reply = next.decision.allowed ? `[1, ${next.decision.remaining}]` : `[0, ${next.decision.remaining}]`;
    done.decision = { ...next.decision, explanation: explain(next.decision, false) };
  }
  if (done.decision) {
    if (done.decision.allowed) s.admitted += 1;
    else s.refused += 1;
    if (s.overAt === undefined && s.admitted > world.expected) s.overAt = done.tick;
  }
  r.pc += 1;
  s.tick += 1;
  s.log.push(done);
  return true;
}

/** Replays an order of replica indices from the start; stops at the first index that has nothing left to send. */
export function replay(world: RaceWorld, order: readonly number[]): RaceState {
  const s = initialState(world);
  for (const replica of order) if (!advance(world, s, replica)) break;
  return s;
}
