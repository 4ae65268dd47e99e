import { randomUUID } from 'node:crypto';
import { compareTraces, runScenario, runScenarioAsync, type Comparison, type Scenario, type SimRedis, type Trace } from '@ratelab/sim';

export class ReplayTooLargeError extends Error {}
export class ReplayTimeoutError extends Error {}

export interface ReplayResult {
  trace: Trace;
  namespace: string;
  /** The same scenario on the pure models, compared decision by decision with the store's trace. */
  comparison: Comparison;
  durationMs: number;
}

/**
 * A client for one replay: once the time budget is spent every command but DEL fails, so the run stops at its next
 * command and still deletes its keys. On a Cluster, DEL is split per key because a run's keys span many slots.
 */
function bounded(redis: SimRedis, deadline: number, now: () => number, perKeyDel: boolean): SimRedis {
  return new Proxy(redis, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'del') {
        if (!perKeyDel) return (value as (...a: unknown[]) => unknown).bind(target);
        return async (...keys: string[]) => {
          let n = 0;
          for (const key of keys) n += Number(await (value as (k: string) => Promise<number>).call(target, key));
          return n;
        };
      }
      return (...args: unknown[]) => {
        if (now() > deadline) return Promise.reject(new ReplayTimeoutError('time budget spent'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/**
 * Replays a validated scenario on this server's store in a namespace of its own (`replay.<id>`), which the
 * simulator's engine deletes when the run ends. A dry run on the pure models first counts the decisions, so a
 * scenario too big for the live store is refused before any Redis work.
 */
export async function replayOnStore(
  scenario: Scenario,
  redis: SimRedis,
  options: { engine: 'lua' | 'redis'; maxDecisions: number; budgetMs: number; now: () => number; perKeyDel: boolean },
): Promise<ReplayResult> {
  const reference = runScenario(scenario, { engine: 'sim', detail: 'full', maxDecisions: options.maxDecisions + 1 });
  const decisions = reference.limiters.reduce((sum, l) => sum + l.decisions.length, 0);
  if (reference.truncated || decisions > options.maxDecisions) {
    throw new ReplayTooLargeError(
      `this scenario makes ${reference.truncated ? 'more than ' : ''}${decisions} decisions; the live store replays at most ${options.maxDecisions}. Shorten durationMs, lower the rates or use fewer limiters (the in-browser sim engine has no such limit)`,
    );
  }
  const started = options.now();
  const namespace = `replay.${randomUUID().slice(0, 12)}`;
  let trace: Trace;
  try {
    trace = await runScenarioAsync(scenario, { engine: options.engine, redis: bounded(redis, started + options.budgetMs, options.now, options.perKeyDel), prefix: namespace, detail: 'full' });
  } catch (error) {
    if (error instanceof ReplayTimeoutError || (error instanceof Error && error.cause instanceof ReplayTimeoutError)) {
      throw new ReplayTimeoutError(`the replay did not finish within ${options.budgetMs} ms on this store; replay a shorter scenario`);
    }
    throw error;
  }
  return { trace, namespace, comparison: compareTraces(reference, trace), durationMs: options.now() - started };
}
