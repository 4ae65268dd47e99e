import { COMMON_ARGV, luaScript } from './prelude.js';

export const FIXED_WINDOW_LUA = luaScript(
  `-- ratelab fixed-window: count admitted cost per clock-aligned window, atomically.
-- KEYS[1] hash { window, count, last } for one client key
${COMMON_ARGV}
-- ARGV[4] limit, ARGV[5] windowMs
-- Returns { allowed, remaining, retryAfterMs, resetMs, delayMs (0), tMs }`,
  `
local t = now_ms()
local cost = arg(2)
local limit = arg(4)
local size = arg(5)
local s = redis.call('HMGET', KEYS[1], 'window', 'count', 'last')
local last = num(s[3]) or t
local now = math.max(t, last)
local window = floor(now / size)
local count = 0
if num(s[1]) == window then count = num(s[2]) end

local allowed = count + cost <= limit
if allowed then count = count + cost end
redis.call('HSET', KEYS[1], 'window', fmt(window), 'count', fmt(count), 'last', fmt(now))
redis.call('PEXPIRE', KEYS[1], ARGV[3])

local to_next = (window + 1) * size - t
local retry = 0
if not allowed then retry = to_next end
local reset = 0
if count > 0 then reset = to_next end
return { allowed and 1 or 0, limit - count, retry, reset, 0, t }
`,
);
