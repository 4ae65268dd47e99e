import type { Prng } from '../prng.js';
import type { RetrySpec } from '../scenario/types.js';

/**
 * How long a blocked client waits before attempt `attempt + 1`, or undefined when it gives up. `attempt` is the
 * attempt that was just blocked (1 = the first). Full jitter draws uniformly from [0, delay] whole ms.
 */
export function retryDelay(retry: RetrySpec, attempt: number, retryAfterMs: number, rng: Prng): number | undefined {
  if (retry.policy === 'none' || attempt >= retry.maxAttempts) return undefined;
  let delay: number;
  if (retry.policy === 'fixed') delay = retry.delayMs;
  else if (retry.policy === 'exponential') delay = Math.min(retry.maxDelayMs, retry.baseMs * 2 ** (attempt - 1));
  else delay = retryAfterMs;
  return retry.jitter === 'full' ? Math.floor(rng.next() * (delay + 1)) : delay;
}
