import type { AtomicAlgorithm, LuaScript } from '../lua/scripts.js';
import { sha1Hex } from './sha1.js';

/** Values each request's decision occupies in a batch reply, as in the single script's reply. */
export const BATCH_REPLY_WIDTH = 6;

/** A batch script: many requests of one rule decided in one call by the algorithm's unchanged script. */
export interface BatchScript {
  readonly algorithm: AtomicAlgorithm;
  readonly source: string;
  readonly sha: string;
}

/**
 * Wraps the single-request script, verbatim, in a Lua function whose parameters shadow KEYS and ARGV, then calls
 * it once per request in the order given. Because every request runs the very same text as an unbatched check,
 * in issue order and inside one atomic script, the decisions are exactly those of the same checks made one by
 * one. The rule's parameters and the TTL travel once per batch; each request adds its keys, a time and a cost.
 * Redis TIME is read at most once per batch: requests that share a batch are decided at the same instant. The
 * time is computed in doubles (`+ 0.0`), as the prelude's `now_ms` does, so fengari's 32-bit integers cannot wrap.
 */
export function batchSource(script: LuaScript): string {
  return `-- ratelab batch (${script.algorithm}): N requests of one rule, decided in the order given by the unchanged
-- single-request script below, called once per request with its own KEYS and ARGV.
-- KEYS: k keys per request, request after request
-- ARGV[1] k, ARGV[2] TTL in ms, ARGV[3] p, ARGV[4..3+p] the rule's parameters,
-- then per request: decision time in ms ('' = Redis TIME, read once per batch) and cost.
-- Returns ${BATCH_REPLY_WIDTH} integers per request, in request order.
local function decide(KEYS, ARGV)
${script.source.trim()}
end
local k = tonumber(ARGV[1])
local p = tonumber(ARGV[3])
local n = math.floor(#KEYS / k)
local base = 3 + p
local batch_now = nil
local keys = {}
local argv = { '', '', ARGV[2] }
for j = 1, p do argv[3 + j] = ARGV[3 + j] end
local out = {}
for i = 0, n - 1 do
  for j = 1, k do keys[j] = KEYS[i * k + j] end
  local at = ARGV[base + 2 * i + 1]
  if at == '' then
    if batch_now == nil then
      local t = redis.call('TIME')
      batch_now = (tonumber(t[1]) + 0.0) * 1000 + math.floor(tonumber(t[2]) / 1000)
    end
    at = batch_now
  end
  argv[1] = at
  argv[2] = ARGV[base + 2 * i + 2]
  local r = decide(keys, argv)
  for j = 1, ${BATCH_REPLY_WIDTH} do out[i * ${BATCH_REPLY_WIDTH} + j] = r[j] end
end
-- Filled again from the end: ioredis-mock (fengari) returns a table as an array only when its keys were inserted
-- last-first, as a table constructor does; Redis accepts either order.
local reply = {}
for x = #out, 1, -1 do reply[x] = out[x] end
return reply
`;
}

const cache = new Map<string, BatchScript>();

/** The batch script for `script`, built and hashed once per script text. */
export function batchScriptFor(script: LuaScript): BatchScript {
  let batch = cache.get(script.sha);
  if (!batch) {
    const source = batchSource(script);
    batch = { algorithm: script.algorithm, source, sha: sha1Hex(source) };
    cache.set(script.sha, batch);
  }
  return batch;
}
