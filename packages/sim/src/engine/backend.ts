import type { Decision } from '@ratelab/algorithms';

/** A command a replica sends to "Redis": an atomic script (one event) or one of the naive bucket's GETs and SETs. */
export type Command =
  /** `slot` numbers the distinct keys of a run (0, 1, ...) so the in-memory backend can index an array. */
  | { op: 'script'; key: string; slot: number; nowMs: number; cost: number }
  | { op: 'get'; key: string; slot: number; field: NaiveField }
  | { op: 'set'; key: string; slot: number; field: NaiveField; value: number };

export type NaiveField = 'tokens' | 'last';

/** A script's answer, with the model's describe() numbers around it when the run keeps details. */
export interface ScriptReply {
  decision: Decision;
  before?: Record<string, number>;
  after?: Record<string, number>;
}

/** GET answers a number or null (never set); SET answers null. */
export type Reply = ScriptReply | number | null;

/** Where one limiter's state lives during a run: the pure models (sim), or Lua on ioredis-mock / Redis. */
export interface SyncBackend {
  /**
   * Runs one command. Neither object outlives the call on the backend's side, and a script reply is only valid
   * until the next call (the backend may fill the same object again): a caller that keeps a reply copies it.
   */
  exec(cmd: Command): Reply;
}

export interface AsyncBackend {
  exec(cmd: Command): Promise<Reply>;
  /** Deletes every key the run touched. */
  cleanup(): Promise<void>;
}
