// What each decision costs Redis: commands (from INFO commandstats deltas) and memory (MEMORY USAGE per key).
import type { Redis } from 'ioredis';
import { createLimiter, type RuleInput } from '@ratelab/algorithms';
import type { Contender } from './contenders.ts';
import { runCount } from './measure.ts';

/** `cmdstat_<name>:calls=N,...` lines as { name: N }. */
export async function commandCalls(admin: Redis): Promise<Record<string, number>> {
  const info = await admin.info('commandstats');
  const calls: Record<string, number> = {};
  for (const line of info.split('\n')) {
    const m = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (m) calls[m[1] as string] = Number(m[2]);
  }
  return calls;
}

export interface CommandCost {
  name: string;
  /** Commands the client sent per decision (EVALSHA, EVAL, GET, ...): each is a request/reply on the wire. */
  sentPerDecision: number;
  /** Every command Redis executed per decision, including those run inside scripts (HMGET, HSET, PEXPIRE, TIME...). */
  executedPerDecision: number;
  /** The executed commands per decision by name, largest first. */
  breakdown: string;
  /** ratelab only: script calls per decision as the limiter counts them (a batch call counts once). */
  roundTripsPerDecision: number;
  /** CPU time per decision in µs: Redis (INFO cpu, user + sys) and this Node.js process (the limiter plus the load loop). */
  redisCpuUs: number;
  nodeCpuUs: number;
}

/** Redis's own CPU seconds (user + sys) so far. */
async function redisCpu(admin: Redis): Promise<number> {
  const info = await admin.info('cpu');
  const get = (name: string) => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1] ?? NaN);
  return get('used_cpu_user') + get('used_cpu_sys');
}

const SCRIPT_CALLS = new Set(['evalsha', 'eval', 'evalsha_ro', 'eval_ro']);
const ADMIN = new Set(['info', 'info|cpu', 'config|resetstat', 'config', 'memory|usage', 'scan', 'ping', 'client|setinfo', 'select']);

/** Runs `decisions` checks of one contender alone on Redis and reads the command counters before and after. */
export async function commandCost(admin: Redis, contender: Contender, keys: readonly string[], decisions: number): Promise<CommandCost> {
  await admin.config('RESETSTAT');
  const tripsBefore = contender.roundTrips?.() ?? NaN;
  const redisCpuBefore = await redisCpu(admin);
  const nodeCpuBefore = process.cpuUsage();
  await runCount(contender.check, keys, decisions, 64);
  const nodeCpu = process.cpuUsage(nodeCpuBefore);
  const redisCpuSeconds = (await redisCpu(admin)) - redisCpuBefore;
  const trips = (contender.roundTrips?.() ?? NaN) - tripsBefore;
  const calls = await commandCalls(admin);
  let sent = 0;
  let executed = 0;
  const parts: [string, number][] = [];
  for (const [name, n] of Object.entries(calls)) {
    if (ADMIN.has(name)) continue;
    executed += n;
    parts.push([name, n / decisions]);
    if (SCRIPT_CALLS.has(name)) sent += n;
  }
  // Without scripts every executed command was sent by the client.
  if (sent === 0) sent = executed;
  parts.sort((a, b) => b[1] - a[1]);
  return {
    name: contender.name,
    sentPerDecision: sent / decisions,
    executedPerDecision: executed / decisions,
    breakdown: parts.map(([n, v]) => `${n} ${v.toFixed(2)}`).join(', '),
    roundTripsPerDecision: trips / decisions,
    redisCpuUs: (redisCpuSeconds * 1e6) / decisions,
    nodeCpuUs: (nodeCpu.user + nodeCpu.system) / decisions,
  };
}

/** Bytes of every key matching `match` (SCAN + MEMORY USAGE ... SAMPLES 0, exact). */
export async function memoryOf(admin: Redis, match: string): Promise<{ keys: number; bytes: number }> {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  do {
    const [next, batch] = await admin.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    for (const key of batch) {
      keys += 1;
      bytes += Number((await admin.memory('USAGE', key, 'SAMPLES', 0)) ?? 0);
    }
  } while (cursor !== '0');
  return { keys, bytes };
}

/** Memory per tracked client key: `tracked` fresh keys checked once each by the contender. */
export async function memoryPerKey(admin: Redis, contender: Contender, tracked: number): Promise<{ name: string; bytesPerKey: number; redisKeysPerKey: number }> {
  const keys = Array.from({ length: tracked }, (_, i) => `mem:${i}`);
  await runCount(contender.check, keys, tracked, 16);
  const { keys: n, bytes } = await memoryOf(admin, contender.match.replace(/\*$/, 'mem:*'));
  return { name: contender.name, bytesPerKey: bytes / tracked, redisKeysPerKey: n / tracked };
}

/** The sliding log's memory per logged request: one key holding 1, 100 and 1,000 entries. */
export async function slidingLogPerEntry(redis: Redis, admin: Redis): Promise<{ entries: number; bytes: number; perEntry: number }[]> {
  const rule: RuleInput = { algorithm: 'sliding-log', limit: 100_000, windowMs: 3_600_000 };
  const out = [];
  let base = 0;
  for (const entries of [1, 100, 1000]) {
    const limiter = createLimiter(redis, rule, { prefix: `bench-logmem-${entries}`, keyTtlMs: 60_000 });
    for (let i = 0; i < entries; i += 1) await limiter.check('one', { nowMs: 1_700_000_000_000 + i });
    let bytes = 0;
    for (const key of limiter.keysFor('one')) bytes += Number((await admin.memory('USAGE', key, 'SAMPLES', 0)) ?? 0);
    if (entries === 1) base = bytes;
    out.push({ entries, bytes, perEntry: entries === 1 ? NaN : (bytes - base) / (entries - 1) });
  }
  return out;
}
