import { COMMON_ARGV, luaScript } from './prelude.js';

export const LEAKY_BUCKET_LUA = luaScript(
  `-- ratelab leaky-bucket (queue / shaper): one atomic drain-decide-enqueue step.
-- KEYS[1] string: the queue's two numbers (level, last), written by write_numbers
${COMMON_ARGV}
-- ARGV[4] capacity, ARGV[5] leakPerSecond
-- Returns { allowed, remaining, retryAfterMs, resetMs, delayMs, tMs }`,
  `
local t = now_ms()
local cost = arg(2)
local capacity = arg(4)
local leak = arg(5)
local level, last = read_numbers(KEYS[1], 0, t)
local function drain(lv, elapsed) return math.max(0, lv - elapsed * leak / 1000) end

local gap = math.max(0, last - t)
level = drain(level, math.max(0, t - last))
local allowed = level + cost <= capacity
local delay = 0
if allowed then
  delay = ceil(level * 1000 / leak)
  level = level + cost
end
last = math.max(last, t)
write_numbers(KEYS[1], level, last)

local retry = 0
if not allowed then
  retry = gap + smallest_wait(function(d) return drain(level, d) + cost <= capacity end,
    ceil((level + cost - capacity) * 1000 / leak))
end
local function full(d) return drain(level, d) + capacity <= capacity end
local reset = 0
if not full(0) then reset = gap + smallest_wait(full, ceil(level * 1000 / leak)) end
local remaining = largest_fit(function(n) return level + n <= capacity end, floor(capacity - level), capacity)
return { allowed and 1 or 0, remaining, retry, reset, delay, t }
`,
);
