/**
 * The part of a Redis client the limiter uses. An ioredis `Redis`, an ioredis `Cluster` and an ioredis-mock
 * instance all fit, so the same limiter runs in the browser, in tests and in production. The loose argument
 * types are deliberate: ioredis declares many callback overloads that a strict structural type cannot match.
 */
export interface RedisLike {
  /* eslint-disable @typescript-eslint/no-explicit-any */
  evalsha(...args: any[]): Promise<unknown>;
  eval(...args: any[]): Promise<unknown>;
  get(key: string): Promise<string | null>;
  set(...args: any[]): Promise<unknown>;
  time(): Promise<unknown>;
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

/** Rejection from `check` when Redis itself failed; a blocked request is never an error. */
export class RedisUnavailableError extends Error {
  constructor(what: string, cause: unknown) {
    super(`Redis call failed (${what}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RedisUnavailableError';
  }
}

/** Runs a script by SHA and, on NOSCRIPT (a fresh or flushed Redis), once more by its full text. */
export async function evalScript(
  redis: RedisLike,
  script: { sha: string; source: string },
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('NOSCRIPT')) {
      return redis.eval(script.source, keys.length, ...keys, ...args);
    }
    throw error;
  }
}
