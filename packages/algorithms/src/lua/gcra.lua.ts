import { COMMON_ARGV, luaScript } from './prelude.js';

export const GCRA_LUA = luaScript(
  `-- ratelab gcra: the generic cell rate algorithm, one stored number (the theoretical arrival time).
-- KEYS[1] string: tat in ms
${COMMON_ARGV}
-- ARGV[4] ratePerSecond, ARGV[5] burst
-- Returns { allowed, remaining, retryAfterMs, resetMs, delayMs (0), tMs }`,
  `
local t = now_ms()
local cost = arg(2)
local rate = arg(4)
local burst = arg(5)
local interval = 1000 / rate
local tat = num(redis.call('GET', KEYS[1])) or t
local function admits(at) return math.max(tat, at) + cost * interval - at <= burst * interval end

local new_tat = math.max(tat, t) + cost * interval
local allowed = new_tat - t <= burst * interval
if allowed then
  tat = new_tat
  redis.call('SET', KEYS[1], fmt(tat), 'PX', ARGV[3])
end
local ahead = math.max(tat, t) - t
local remaining = math.max(0, floor((burst * interval - ahead) / interval))
local retry = 0
if not allowed then
  retry = smallest_wait(function(d) return admits(t + d) end, ceil(tat + cost * interval - burst * interval - t))
end
return { allowed and 1 or 0, remaining, retry, ceil(ahead), 0, t }
`,
);
