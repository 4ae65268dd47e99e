import { COMMON_ARGV, luaScript } from './prelude.js';

export const GCRA_LUA = luaScript(
  `-- ratelab gcra: the generic cell rate algorithm, one stored number (the theoretical arrival time).
-- KEYS[1] string: tat in ms, written by write_numbers
${COMMON_ARGV}
-- ARGV[4] ratePerSecond, ARGV[5] burst
-- Returns { allowed, remaining, retryAfterMs, resetMs, delayMs (0), tMs }`,
  `
local t = now_ms()
local cost = arg(2)
local rate = arg(4)
local burst = arg(5)
local interval = 1000 / rate
local tat = read_numbers(KEYS[1], t)
-- newTat - t <= burst * T, rearranged to ahead <= (burst - cost) * T so rounding cannot refuse cost = burst.
local function ahead_of(at) return math.max(tat, at) - at end
local function admits(at, c) return ahead_of(at) <= (burst - c) * interval end

local allowed = admits(t, cost)
if allowed then
  tat = math.max(tat, t) + cost * interval
  write_numbers(KEYS[1], tat)
end
local ahead = ahead_of(t)
local remaining = largest_fit(function(n) return admits(t, n) end, floor(burst - ahead / interval), burst)
local retry = 0
if not allowed then
  retry = smallest_wait(function(d) return admits(t + d, cost) end, ceil(ahead - (burst - cost) * interval))
end
return { allowed and 1 or 0, remaining, retry, ceil(ahead), 0, t }
`,
);
