// Test-only fast-check arbitraries for hostile input: junk of every JSON shape, keys that look like Lua or break
// limits, rule bodies that are almost valid, and built-in scenarios with a few fields replaced by something wrong.
import fc from 'fast-check';
import { ALGORITHMS } from '@ratelab/algorithms';

/** Strings that have broken other systems: Lua and Redis syntax, braces (hash tags), control and wide characters. */
export const NASTY_STRINGS = [
  `"); redis.call('FLUSHALL') --`,
  "]] redis.call('SET','pwned','1') --[[",
  'KEYS[1]',
  '{tag}:}{:{',
  '*',
  'a\u0000b',
  '\u001b[31mred',
  'ключ-🔑',
  '\ud800',
  ' '.repeat(10),
  '__proto__',
  'constructor',
  'x'.repeat(256),
  'x'.repeat(257),
  'x'.repeat(100_000),
];

/** Any JSON-ish value, including deep and prototype-polluting objects. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: false }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(null, true, 0, -1, 1e308, -0, '', [], {}),
);

export const hostileKey: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ minLength: 250, maxLength: 270 }) },
  { weight: 1, arbitrary: junk },
);

const numberish = fc.oneof(fc.integer({ min: -2, max: 1000 }), fc.double({ noNaN: false }), fc.constantFrom(0.000001, 1e9, 1e10, '5', null));

/** A rule-shaped object whose fields are each valid, borderline or wrong. */
export const ruleBody = fc.record(
  {
    algorithm: fc.oneof(fc.constantFrom(...ALGORITHMS), junk),
    capacity: numberish,
    refillPerSecond: numberish,
    leakPerSecond: numberish,
    limit: numberish,
    windowMs: numberish,
    ratePerSecond: numberish,
    burst: numberish,
    countRejected: fc.oneof(fc.boolean(), junk),
    onRedisDown: fc.oneof(fc.constantFrom('allow', 'deny', 'local-fallback'), junk),
    id: fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,50}$/), junk),
  },
  { requiredKeys: [] },
);

/** Every JSON path of a value (objects and arrays), as key lists, bounded. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (out.length > 500 || value === null || typeof value !== 'object') return out;
  const keys: (string | number)[] = Array.isArray(value) ? Array.from({ length: Math.min(20, value.length) }, (_, i) => i) : Object.keys(value);
  for (const k of keys) {
    out.push([...prefix, k]);
    paths((value as Record<string | number, unknown>)[k], [...prefix, k], out);
  }
  return out;
}

/** Sets (or deletes, when `value` is undefined) the field at `path`; works on a JSON copy, so the input is untouched. */
function mutate(doc: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(doc)) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete at[last];
  // defineProperty, so that a key such as "__proto__" is data, as JSON.parse would make it.
  else Object.defineProperty(at, last, { value: JSON.parse(JSON.stringify(value) ?? 'null') as unknown, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A built-in scenario with one to three fields replaced by junk, a borderline number, or removed. */
export function mutatedScenario(builtins: readonly unknown[]): fc.Arbitrary<unknown> {
  const docs = builtins.map((b) => JSON.parse(JSON.stringify(b)) as unknown);
  const replacement = fc.oneof(junk, numberish, fc.constant(undefined));
  return fc
    .tuple(fc.nat({ max: docs.length - 1 }), fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 3 }))
    .map(([which, edits]) => {
      let doc = docs[which];
      for (const [pick, value] of edits) {
        const all = paths(doc);
        if (all.length === 0) break;
        doc = mutate(doc, all[pick % all.length] as (string | number)[], value);
      }
      return doc;
    });
}
