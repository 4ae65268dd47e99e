import type { AlgorithmName, Rule } from '../rules.js';
import { sha1Hex } from '../limiter/sha1.js';
import { FIXED_WINDOW_LUA } from './fixed-window.lua.js';
import { GCRA_LUA } from './gcra.lua.js';
import { LEAKY_BUCKET_LUA } from './leaky-bucket.lua.js';
import { SLIDING_COUNTER_LUA } from './sliding-counter.lua.js';
import { SLIDING_LOG_LUA } from './sliding-log.lua.js';
import { TOKEN_BUCKET_LUA } from './token-bucket.lua.js';

export type AtomicAlgorithm = Exclude<AlgorithmName, 'token-bucket-naive'>;

/** One atomic algorithm's script: its text (what Redis runs), its SHA1 for EVALSHA, its key suffixes. */
export interface LuaScript {
  readonly algorithm: AtomicAlgorithm;
  readonly source: string;
  readonly sha: string;
  /** Suffixes appended to the hash-tagged key, in KEYS order. */
  readonly keySuffixes: readonly string[];
  /** The rule's parameters as ARGV[4..], in the order the script's header documents. */
  params(rule: Rule): (string | number)[];
}

function script(
  algorithm: AtomicAlgorithm,
  source: string,
  keySuffixes: string[],
  params: (rule: Rule) => (string | number)[],
): LuaScript {
  return { algorithm, source, sha: sha1Hex(source), keySuffixes, params };
}

/** Narrows a rule inside a script's parameter list; the registry only hands each script its own rule. */
function as<A extends AlgorithmName>(rule: Rule, algorithm: A): Extract<Rule, { algorithm: A }> {
  if (rule.algorithm !== algorithm && !(algorithm === 'token-bucket' && rule.algorithm === 'token-bucket-naive'))
    throw new TypeError(`rule for ${rule.algorithm} passed to the ${algorithm} script`);
  return rule as Extract<Rule, { algorithm: A }>;
}

export const SCRIPTS: Record<AtomicAlgorithm, LuaScript> = {
  'token-bucket': script('token-bucket', TOKEN_BUCKET_LUA, ['tb2'], (r) => {
    const x = as(r, 'token-bucket');
    return [x.capacity, x.refillPerSecond];
  }),
  'leaky-bucket': script('leaky-bucket', LEAKY_BUCKET_LUA, ['lb2'], (r) => {
    const x = as(r, 'leaky-bucket');
    return [x.capacity, x.leakPerSecond];
  }),
  'fixed-window': script('fixed-window', FIXED_WINDOW_LUA, ['fw2'], (r) => {
    const x = as(r, 'fixed-window');
    return [x.limit, x.windowMs];
  }),
  'sliding-log': script('sliding-log', SLIDING_LOG_LUA, ['log2', 'meta2'], (r) => {
    const x = as(r, 'sliding-log');
    return [x.limit, x.windowMs, x.countRejected ? '1' : '0'];
  }),
  'sliding-counter': script('sliding-counter', SLIDING_COUNTER_LUA, ['sc2'], (r) => {
    const x = as(r, 'sliding-counter');
    return [x.limit, x.windowMs];
  }),
  gcra: script('gcra', GCRA_LUA, ['gcra2'], (r) => {
    const x = as(r, 'gcra');
    return [x.ratePerSecond, x.burst];
  }),
};
