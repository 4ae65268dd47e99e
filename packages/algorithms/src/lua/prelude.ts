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
 * - `refill_wait(x, need, cap, rate)`: that same wait search for a refilling amount, `min(cap, x + d * rate / 1000)`,
 *   written without a predicate closure: a batch runs the token bucket's body once per request, and a closure
 *   made there is made (and collected) once per request.
 * - `read_numbers(key, ...)`, `write_numbers(key, ...)`: a small state, up to four numbers, kept in one string
 *   value: one GET, and one SET with the keys' TTL (ARGV[3]), instead of a hash read, a hash write and a PEXPIRE.
 *   `read_numbers` returns the stored numbers, or its own other arguments (the fresh state) when the key is absent.
 *   With Redis's `struct` library the numbers are 8-byte little-endian doubles: exact, and cheaper than formatting
 *   and parsing 17-digit text, which was the largest cost of the token bucket's script after its commands. fengari
 *   (ioredis-mock) has no `struct`, so there they are `fmt` numbers separated by spaces, exact too: every engine
 *   reads back the same doubles and decides the same. `rawget` looks `struct` up without tripping Redis's guard
 *   against reading undefined globals. On Redis `read_numbers` also returns struct's next-position value after the
 *   numbers; callers take only the numbers.
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
local struct_lib = rawget(_G, 'struct')
local PACKED = { '<d', '<dd', '<ddd', '<dddd' }
local function read_numbers(key, ...)
  local stored = redis.call('GET', key)
  if type(stored) ~= 'string' then return ... end
  if struct_lib then return struct_lib.unpack(PACKED[#stored / 8], stored) end
  local out = {}
  for word in string.gmatch(stored, '%S+') do out[#out + 1] = tonumber(word) + 0.0 end
  return (table.unpack or unpack)(out)
end
local function write_numbers(key, ...)
  local value
  if struct_lib then
    value = struct_lib.pack(PACKED[select('#', ...)], ...)
  else
    local text = { ... }
    for i = 1, #text do text[i] = fmt(text[i]) end
    value = table.concat(text, ' ')
  end
  redis.call('SET', key, value, 'PX', ARGV[3])
end
local function refill_wait(x, need, cap, rate)
  local d = math.max(0, ceil((need - x) * 1000 / rate))
  while d > 0 and math.min(cap, x + (d - 1) * rate / 1000) >= need do d = d - 1 end
  while math.min(cap, x + d * rate / 1000) < need do d = d + 1 end
  return d
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
