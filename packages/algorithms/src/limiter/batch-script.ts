import { LUA_PRELUDE } from '../lua/prelude.js';
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
 * Runs the single-request script's own text once per request, in the order given, inside one atomic script.
 * Because every request runs the very same Lua as an unbatched check, in issue order, the decisions are exactly
 * those of the same checks made one by one. The rule's parameters and the TTL travel once per batch; each request
 * adds its keys, a time and a cost. Redis TIME is read at most once per batch: requests that share a batch are
 * decided at the same instant. The time is computed in doubles (`+ 0.0`), as the prelude's `now_ms` does, so
 * fengari's 32-bit integers cannot wrap.
 *
 * The algorithm's body becomes a function whose `KEYS` parameter shadows the global. When the script contains the
 * shared prelude verbatim (all shipped scripts do), the prelude's helpers are defined once per batch over a local
 * `ARGV` table that the loop refills before each request, instead of once per request: same text, same values,
 * fewer closures. Any other script is wrapped whole, with `ARGV` as a second parameter.
 */
export function batchSource(script: LuaScript): string {
  const at = script.source.indexOf(LUA_PRELUDE);
  const decide =
    at >= 0
      ? `${script.source.slice(0, at).trim()}\nlocal ARGV = argv\n${LUA_PRELUDE}local function decide(KEYS)\n${script.source.slice(at + LUA_PRELUDE.length).trim()}\nend`
      : `local function decide(KEYS, ARGV)\n${script.source.trim()}\nend`;
  return `-- ratelab batch (${script.algorithm}): N requests of one rule, decided in the order given by the unchanged
-- single-request script below, run once per request with its own KEYS and ARGV.
-- KEYS: k keys per request, request after request
-- ARGV[1] k, ARGV[2] TTL in ms, ARGV[3] p, ARGV[4..3+p] the rule's parameters,
-- then per request: decision time in ms ('' = Redis TIME, read once per batch) and cost.
-- Returns ${BATCH_REPLY_WIDTH} integers per request, in request order.
local IN = ARGV
local k = tonumber(IN[1])
local p = tonumber(IN[3])
local n = math.floor(#KEYS / k)
local base = 3 + p
local argv = { '', '', IN[2] }
for j = 1, p do argv[3 + j] = IN[3 + j] end
${decide}
local batch_now = nil
local keys = {}
local out = {}
for i = 0, n - 1 do
  for j = 1, k do keys[j] = KEYS[i * k + j] end
  local at = IN[base + 2 * i + 1]
  if at == '' then
    if batch_now == nil then
      local t = redis.call('TIME')
      batch_now = (tonumber(t[1]) + 0.0) * 1000 + math.floor(tonumber(t[2]) / 1000)
    end
    at = batch_now
  end
  argv[1] = at
  argv[2] = IN[base + 2 * i + 2]
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
