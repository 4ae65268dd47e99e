/** Called after every Redis command with its name, its duration in seconds and whether it succeeded. */
export type RedisObserver = (command: string, seconds: number, ok: boolean) => void;

/** Raised when a Redis call outlives its bound; the caller treats it exactly like Redis being down. */
export class RedisTimeoutError extends Error {
  constructor(command: string, ms: number) {
    super(`Redis ${command} did not answer within ${ms} ms`);
    this.name = 'RedisTimeoutError';
  }
}

/**
 * Wraps a Redis client so that every call returning a promise is bounded by `timeoutMs` and timed for the
 * latency histogram. One wrapper instead of a timeout at each call site means no call can be forgotten.
 * ioredis also gets `commandTimeout`, which frees its own pending command; ioredis-mock has no such option,
 * and a mock stalled by a test must still not hang a request.
 */
export function timed<T extends object>(client: T, timeoutMs: number, observe?: RedisObserver, now = () => performance.now()): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string' || prop === 'constructor') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        const started = now();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const bounded = new Promise((resolve, reject) => {
          timer = setTimeout(() => reject(new RedisTimeoutError(prop, timeoutMs)), timeoutMs);
          result.then(resolve, reject);
        });
        return bounded.then(
          (v) => {
            clearTimeout(timer);
            observe?.(prop, (now() - started) / 1000, true);
            return v;
          },
          (error: unknown) => {
            clearTimeout(timer);
            observe?.(prop, (now() - started) / 1000, false);
            throw error;
          },
        );
      };
    },
  });
}
