import { COMMON_ARGV, luaScript } from './prelude.js';

export const FIXED_WINDOW_LUA = luaScript(
  `-- ratelab fixed-window: count admitted cost per clock-aligned window, atomically.
-- KEYS[1] string: the window's three numbers (window, count, last), written by write_numbers
${COMMON_ARGV}
-- ARGV[4] limit, ARGV[5] windowMs
-- Returns { allowed, remaining, retryAfterMs, resetMs, delayMs (0), tMs }`,
  `
local t = now_ms()
local cost = arg(2)
local limit = arg(4)
local size = arg(5)
local stored_window, stored_count, last = read_numbers(KEYS[1], nil, 0, t)
local now = math.max(t, last)
local window = floor(now / size)
local count = 0
if stored_window == window then count = stored_count end

local allowed = count + cost <= limit
if allowed then count = count + cost end
write_numbers(KEYS[1], window, count, now)

local to_next = (window + 1) * size - t
local retry = 0
if not allowed then retry = to_next end
local reset = 0
if count > 0 then reset = to_next end
return { allowed and 1 or 0, limit - count, retry, reset, 0, t }
`,
);
