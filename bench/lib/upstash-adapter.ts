// @upstash/ratelimit talks to an @upstash/redis (HTTP) client. This adapter gives it the two calls its limiters
// use, `evalsha(hash, keys, args)` and `eval(script, keys, args)`, on a plain ioredis connection to the same
// Redis as everyone else, so it runs its own Lua scripts unchanged except for one line: each script starts with
// `#!lua flags=allow-key-locking`, a flag Redis 7.0 rejects, so that shebang line is stripped. The stripped text
// has another SHA1, so the adapter maps Upstash's hash to the loaded script's hash.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

function strip(script: string): string {
  return script.startsWith('#!lua') ? script.slice(script.indexOf('\n') + 1) : script;
}

export function upstashAdapter(redis: Redis) {
  const loaded = new Map<string, string>();
  return {
    async evalsha(hash: string, keys: string[], args: unknown[]) {
      const sha = loaded.get(hash);
      // Unknown until the first EVAL: answer like Redis does, so Upstash falls back to eval() once.
      if (!sha) throw new Error('NOSCRIPT No matching script (ratelab bench adapter)');
      return redis.evalsha(sha, keys.length, ...keys, ...(args as string[]));
    },
    async eval(script: string, keys: string[], args: unknown[]) {
      const body = strip(script);
      loaded.set(sha1(script), sha1(body));
      return redis.eval(body, keys.length, ...keys, ...(args as string[]));
    },
  };
}
