import { COMMON_ARGV, luaScript } from './prelude.js';

export const TOKEN_BUCKET_LUA = luaScript(
  `-- ratelab token-bucket: one atomic read-refill-decide-write step.
-- KEYS[1] hash { tokens, last } for one client key
${COMMON_ARGV}
-- ARGV[4] capacity, ARGV[5] refillPerSecond
-- Returns { allowed, remaining, retryAfterMs, resetMs, delayMs (0), tMs }`,
  `
local t = now_ms()
local cost = arg(2)
local capacity = arg(4)
local rate = arg(5)
local s = redis.call('HMGET', KEYS[1], 'tokens', 'last')
local tokens = num(s[1]) or capacity
local last = num(s[2]) or t
local function refill(tk, elapsed) return math.min(capacity, tk + elapsed * rate / 1000) end

local gap = math.max(0, last - t)
tokens = refill(tokens, math.max(0, t - last))
local allowed = tokens >= cost
if allowed then tokens = tokens - cost end
last = math.max(last, t)
redis.call('HSET', KEYS[1], 'tokens', fmt(tokens), 'last', fmt(last))
redis.call('PEXPIRE', KEYS[1], ARGV[3])

local retry = 0
if not allowed then
  retry = gap + smallest_wait(function(d) return refill(tokens, d) >= cost end, ceil((cost - tokens) * 1000 / rate))
end
local reset = 0
if tokens < capacity then
  reset = gap + smallest_wait(function(d) return refill(tokens, d) >= capacity end, ceil((capacity - tokens) * 1000 / rate))
end
return { allowed and 1 or 0, floor(tokens), retry, reset, 0, t }
`,
);
