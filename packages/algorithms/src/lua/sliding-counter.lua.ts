import { COMMON_ARGV, luaScript } from './prelude.js';

export const SLIDING_COUNTER_LUA = luaScript(
  `-- ratelab sliding-counter: the two-window approximation, atomically.
-- KEYS[1] string: four numbers (window, current, previous, last), written by write_numbers
${COMMON_ARGV}
-- ARGV[4] limit, ARGV[5] windowMs
-- Returns { allowed, remaining, retryAfterMs, resetMs, delayMs (0), tMs }`,
  `
local t = now_ms()
local cost = arg(2)
local limit = arg(4)
local size = arg(5)
local window, current, previous, last = read_numbers(KEYS[1], nil, 0, 0, t)
local now = math.max(t, last)
local w = floor(now / size)
window = window or w

local function rolled(at_w)
  if at_w == window then return current, previous end
  if at_w == window + 1 then return 0, current end
  return 0, 0
end
current, previous = rolled(w)
window = w
local function estimate_at(at)
  local aw = floor(at / size)
  local into = at - aw * size
  local cur, prev = rolled(aw)
  return prev * (size - into) / size + cur
end

local estimate = estimate_at(now)
local allowed = estimate + cost <= limit
if allowed then current = current + cost end
write_numbers(KEYS[1], window, current, previous, now)

local retry = 0
if not allowed then
  -- The estimate never rises while no request arrives: binary search the smallest whole-ms wait.
  local lo = now - t + 1
  local hi = (w + 2) * size - t
  while lo < hi do
    local mid = floor((lo + hi) / 2)
    if estimate_at(t + mid) + cost <= limit then hi = mid else lo = mid + 1 end
  end
  retry = lo
end
-- Re-estimated from the updated counts, exactly as the next request will see them.
local after = estimate_at(now)
local remaining = largest_fit(function(n) return after + n <= limit end, floor(limit - after), limit)
local reset = 0
if current > 0 then reset = (w + 2) * size - t elseif previous > 0 then reset = (w + 1) * size - t end
return { allowed and 1 or 0, remaining, retry, reset, 0, t }
`,
);
