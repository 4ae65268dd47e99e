/**
 * Lua shared by every script, placed right after each script's header comment. It is part of the script text
 * that runs (and that the playground shows), not a separate library: Redis has no `require`.
 *
 * - `now_ms()`: the decision time: ARGV[1] when the caller passed one (app clock or replay), else Redis TIME.
 * - `fmt(x)`: stores a number so it reads back as exactly the same double (17 significant digits).
 * - `num(v)`: a stored value as a number, or nil when absent. It checks the type because ioredis-mock hands
 *   missing hash fields to Lua as a truthy null userdata where Redis gives `false`.
 * - `smallest_wait(ok, estimate)`, `largest_fit(ok, estimate, max)`: the same exact searches as `smallestWait` and
 *   `largestFit` in TypeScript (retry waits and `remaining` checked against the admission test itself).
 * - `arg(i)`, `floor(x)`, `ceil(x)`: numbers are kept as floats (doubles) everywhere. Redis runs Lua 5.1, where
 *   every number is a double, like in JavaScript. ioredis-mock runs fengari (Lua 5.3) with 32-bit integers:
 *   `tonumber('1000')` and `math.floor(...)` give integers there, and integer products such as
 *   `(window + 2) * windowMs` silently wrap around past 2^31. Adding 0.0 makes a number a float in Lua 5.3 and
 *   is a no-op in Lua 5.1, so both engines compute in doubles, exactly as the TypeScript model does.
 */
export const LUA_PRELUDE = `local function floor(x) return math.floor(x) + 0.0 end
local function ceil(x) return math.ceil(x) + 0.0 end
local function arg(i) return tonumber(ARGV[i]) + 0.0 end
local function now_ms()
  if ARGV[1] ~= '' then return arg(1) end
  local t = redis.call('TIME')
  return (tonumber(t[1]) + 0.0) * 1000 + floor(tonumber(t[2]) / 1000)
end
local function fmt(x) return string.format('%.17g', x) end
local function num(v)
  if type(v) == 'string' or type(v) == 'number' then return tonumber(v) + 0.0 end
  return nil
end
local function smallest_wait(ok, estimate)
  local d = math.max(0, estimate)
  while d > 0 and ok(d - 1) do d = d - 1 end
  while not ok(d) do d = d + 1 end
  return d
end
local function largest_fit(ok, estimate, max)
  local n = math.min(max, math.max(0, estimate))
  while n > 0 and not ok(n) do n = n - 1 end
  while n < max and ok(n + 1) do n = n + 1 end
  return n
end
`;

/** Builds a script: its KEYS/ARGV header, the prelude, then the algorithm's body. */
export function luaScript(header: string, body: string): string {
  return `${header.trim()}\n${LUA_PRELUDE}${body.trim()}\n`;
}

/**
 * ARGV layout common to every script, so the TypeScript side builds arguments in one place:
 * ARGV[1] nowMs ('' = Redis TIME), ARGV[2] cost, ARGV[3] key TTL in ms, ARGV[4..] the rule's parameters.
 * Every script returns { allowed (0/1), remaining, retryAfterMs, resetMs, delayMs, tMs } as integers.
 */
export const COMMON_ARGV = `-- ARGV[1] decision time in ms, or '' to use Redis TIME
-- ARGV[2] cost of this request (whole units)
-- ARGV[3] TTL for the keys in ms (state older than this is equivalent to a fresh key)`;
