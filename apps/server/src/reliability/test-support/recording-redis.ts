// Test-only: wraps a Redis client so that every command the app sends is recorded (name and arguments), bounded in
// memory. The hostile-input tests use it to prove what reaches Redis: which script texts, which keys, which ids.
import type { RedisHandle, ServerRedis } from '../../redis/connect.js';

export interface RedisCall {
  cmd: string;
  args: unknown[];
}

/** Commands whose first argument is a key (or keys, for DEL). */
export const KEY_COMMANDS = new Set(['get', 'set', 'del', 'hget', 'hset', 'hgetall', 'hdel', 'hlen', 'hkeys', 'incr', 'pexpire', 'zadd', 'zrem', 'zcard']);

export function recordingHandle(handle: RedisHandle, calls: RedisCall[], maxCalls = 2_000_000): RedisHandle {
  const wrap = (client: ServerRedis): ServerRedis =>
    new Proxy(client, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function' || typeof prop !== 'string') return value;
        if (prop !== 'eval' && prop !== 'evalsha' && !KEY_COMMANDS.has(prop)) return (value as (...a: unknown[]) => unknown).bind(target);
        return (...args: unknown[]) => {
          if (calls.length < maxCalls) calls.push({ cmd: prop, args });
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return { ...handle, client: wrap(handle.client), connect: () => wrap(handle.connect()) };
}

/** The script (text for EVAL, SHA for EVALSHA), KEYS and ARGV of a scripted call. */
export function scriptParts(call: RedisCall): { script: string; keys: string[]; argv: string[] } {
  const [script, n, ...rest] = call.args.map((a) => String(a));
  const count = Number(n);
  return { script: script ?? '', keys: rest.slice(0, count), argv: rest.slice(count) };
}
