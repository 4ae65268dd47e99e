import { COMMON_ARGV, luaScript } from './prelude.js';

export const TOKEN_BUCKET_LUA = luaScript(
  `-- ratelab token-bucket: one atomic read-refill-decide-write step.
-- KEYS[1] string: the bucket's two numbers (tokens, last), written by write_numbers
${COMMON_ARGV}
-- ARGV[4] capacity, ARGV[5] refillPerSecond
-- Returns { allowed, remaining, retryAfterMs, resetMs, delayMs (0), tMs }`,
  `
local t = now_ms()
local cost = arg(2)
local capacity = arg(4)
local rate = arg(5)
local tokens, last = read_numbers(KEYS[1], capacity, t)

-- Refill in the operation order every engine uses: min(capacity, tokens + elapsed * rate / 1000).
local gap = math.max(0, last - t)
tokens = math.min(capacity, tokens + math.max(0, t - last) * rate / 1000)
local allowed = tokens >= cost
if allowed then tokens = tokens - cost end
last = math.max(last, t)
write_numbers(KEYS[1], tokens, last)

local retry = 0
if not allowed then retry = gap + refill_wait(tokens, cost, capacity, rate) end
local reset = 0
if tokens < capacity then reset = gap + refill_wait(tokens, capacity, capacity, rate) end
return { allowed and 1 or 0, floor(tokens), retry, reset, 0, t }
`,
);
