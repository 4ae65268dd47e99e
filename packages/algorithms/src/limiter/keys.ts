/** Longest client key accepted, in characters; longer keys are refused before they reach Redis. */
export const MAX_KEY_LENGTH = 256;
/** Prefixes name a rule or a run: short, and free of the braces that would break the hash tag. */
export const PREFIX_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Why a client key cannot be used, or undefined when it can. */
export function keyIssue(key: unknown): string | undefined {
  if (typeof key !== 'string') return 'key must be a string';
  if (key.length === 0) return 'key must not be empty';
  if (key.length > MAX_KEY_LENGTH) return `key must be at most ${MAX_KEY_LENGTH} characters (got ${key.length})`;
  // Control characters make logs and keys unreadable and have no business in an identifier.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) return 'key must not contain control characters';
  return undefined;
}

export function prefixIssue(prefix: string): string | undefined {
  return PREFIX_PATTERN.test(prefix) ? undefined : 'prefix must be 1-64 characters of A-Z a-z 0-9 _ . : -';
}

/**
 * The Redis keys of one decision: `rl:{prefix:key}:suffix`. The hash tag holds the prefix and the client key, so
 * every key of one decision lands in one Redis Cluster slot. Because the prefix is non-empty and brace-free,
 * the tag is never empty and is the same for every suffix even when the client key itself contains braces.
 */
export function redisKeys(prefix: string, key: string, suffixes: readonly string[]): string[] {
  return suffixes.map((suffix) => `rl:{${prefix}:${key}}:${suffix}`);
}
