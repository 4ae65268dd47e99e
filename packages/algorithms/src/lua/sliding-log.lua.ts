import { COMMON_ARGV, luaScript } from './prelude.js';

export const SLIDING_LOG_LUA = luaScript(
  `-- ratelab sliding-log: an exact log of admitted cost in the window (t - windowMs, t], atomically.
-- KEYS[1] sorted set: one member "seq:cost" per logged request, scored by its time in ms
-- KEYS[2] string, written by write_numbers: the cost still in the window, a member counter, the latest time seen,
--         the newest entry's time (-1 before the first)
${COMMON_ARGV}
-- ARGV[4] limit, ARGV[5] windowMs, ARGV[6] countRejected ('1' logs blocked requests too)
-- Returns { allowed, remaining, retryAfterMs, resetMs, delayMs (0), tMs }`,
  `
local t = now_ms()
local cost = arg(2)
local limit = arg(4)
local size = arg(5)
local count_rejected = ARGV[6] == '1'
local logged, seq, last, newest = read_numbers(KEYS[2], 0, 0, t, -1)
local now = math.max(t, last)
local function cost_of(member) return num(string.match(member, ':(%d+)$')) end

-- Entries at or before now - windowMs have left the window: subtract their cost, then drop them.
local edge = now - size
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', fmt(edge))
for i = 1, #gone do logged = logged - cost_of(gone[i]) end
if #gone > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', fmt(edge)) end

local allowed = logged + cost <= limit
if allowed or count_rejected then
  seq = seq + 1
  redis.call('ZADD', KEYS[1], fmt(now), fmt(seq) .. ':' .. fmt(cost))
  logged = logged + cost
  newest = now
end
write_numbers(KEYS[2], logged, seq, now, newest)
redis.call('PEXPIRE', KEYS[1], ARGV[3])

local retry = 0
if not allowed then
  -- Walk from the oldest entry: once enough cost has left the window, the request fits.
  local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
  local left = logged
  for i = 1, #entries, 2 do
    left = left - cost_of(entries[i])
    if left + cost <= limit then
      retry = num(entries[i + 1]) + size - t
      break
    end
  end
end
-- Entries are logged at non-decreasing times, so the newest is still in the log exactly when it is inside the window.
local reset = 0
if newest >= 0 and newest > edge then reset = newest + size - t end
return { allowed and 1 or 0, math.max(0, limit - logged), retry, reset, 0, t }
`,
);
