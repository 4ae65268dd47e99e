import type { TokenBucketState } from '@ratelab/algorithms';
import type { Command, ScriptReply } from './backend.js';

/** The command a request waits for: the atomic script, or one step of the naive bucket's read-decide-write. */
export type ReqStep = 'time' | 'get-tokens' | 'get-last' | 'set-tokens' | 'set-last' | 'script';

/**
 * One attempt of one request, from its arrival at a replica until the replica knows the decision. Every field is
 * always present (optional ones as undefined) so all requests share one shape.
 */
export interface Req {
  client: number;
  attempt: number;
  arrivalMs: number;
  replica: number;
  appNowMs: number;
  nowMs: number;
  decidedAtMs: number;
  /** Which command's reply is awaited. */
  step: ReqStep;
  /** The naive bucket's GET of `tokens`, kept until `last` is read too. */
  tokens: number | null;
  state: TokenBucketState | undefined;
  reply: ScriptReply | undefined;
}

export function newReq(): Req {
  return {
    client: 0,
    attempt: 0,
    arrivalMs: 0,
    replica: 0,
    appNowMs: 0,
    nowMs: 0,
    decidedAtMs: 0,
    step: 'script',
    tokens: null,
    state: undefined,
    reply: undefined,
  };
}

/** Starts `req` over as a new attempt that arrived at `nowMs` on `replica`, whose app clock reads `appNowMs`. */
export function resetReq(req: Req, client: number, attempt: number, nowMs: number, replica: number, appNowMs: number): Req {
  req.client = client;
  req.attempt = attempt;
  req.arrivalMs = nowMs;
  req.replica = replica;
  req.appNowMs = appNowMs;
  req.nowMs = appNowMs;
  req.decidedAtMs = nowMs;
  req.step = 'script';
  req.tokens = null;
  req.state = undefined;
  req.reply = undefined;
  return req;
}

/** A copy of `req`, for a request that must outlive the reusable one (it waits in the event queue). */
export function copyReq(req: Req): Req {
  return { ...req };
}

/** A script command object to fill in again for each request (see `commandFor`). */
export function newScriptCommand(): Extract<Command, { op: 'script' }> {
  return { op: 'script', key: '', slot: 0, nowMs: 0, cost: 1 };
}

/**
 * The command `req` sends at its current step (not 'time', which needs no backend). A script command is written
 * into `scratch` when one is given: a synchronous backend is done with it when `exec` returns.
 */
export function commandFor(req: Req, key: string, slot: number, cost: number, scratch?: Extract<Command, { op: 'script' }>): Command {
  switch (req.step) {
    case 'script':
      if (!scratch) return { op: 'script', key, slot, nowMs: req.nowMs, cost };
      scratch.key = key;
      scratch.slot = slot;
      scratch.nowMs = req.nowMs;
      scratch.cost = cost;
      return scratch;
    case 'get-tokens':
      return { op: 'get', key, slot, field: 'tokens' };
    case 'get-last':
      return { op: 'get', key, slot, field: 'last' };
    case 'set-tokens':
      return { op: 'set', key, slot, field: 'tokens', value: (req.state as TokenBucketState).tokens };
    case 'set-last':
      return { op: 'set', key, slot, field: 'last', value: (req.state as TokenBucketState).lastMs };
    case 'time':
      throw new Error('the time command is answered by the engine itself');
  }
}
