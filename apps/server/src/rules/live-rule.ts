import { parseRule, RuleError, type Issue, type Rule } from '@ratelab/algorithms';

/** What a rule does when Redis cannot be consulted. */
export const ON_REDIS_DOWN = ['allow', 'deny', 'local-fallback'] as const;
export type OnRedisDown = (typeof ON_REDIS_DOWN)[number];

/** A rule in force on the server: an algorithm rule plus an id and its outage policy. */
export type LiveRule = Rule & { id: string; onRedisDown: OnRedisDown };

/** A stored rule with the rule-set version at which it was last written. */
export type VersionedRule = LiveRule & { version: number };

/** Rule ids: short, and limited to characters that are safe in keys, URLs, metrics labels and logs. */
export const RULE_ID_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,47}$/;
/** Default when a rule does not say (documented in docs/server.md). */
export const DEFAULT_ON_REDIS_DOWN: OnRedisDown = 'local-fallback';

export function ruleIdIssue(id: unknown): string | undefined {
  if (typeof id !== 'string') return 'id must be a string';
  if (!RULE_ID_PATTERN.test(id)) return 'id must be 1-48 characters: lowercase letters, digits, "_", "." or "-", starting with a letter or digit';
  return undefined;
}

/**
 * Validates a live rule with the algorithm schemas. `pathId` is the id from the URL: a body id, if present, must
 * match it. The naive token bucket is refused here: it double-spends under concurrency and exists for the race lab only.
 */
export function parseLiveRule(input: unknown, pathId?: string): LiveRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new RuleError([{ path: '', message: 'a rule must be a JSON object like {"algorithm":"token-bucket","capacity":10,"refillPerSecond":5}' }]);
  }
  const issues: Issue[] = [];
  const { id: bodyId, onRedisDown, version: _version, ...params } = input as Record<string, unknown>;
  void _version; // A version sent back from GET is informational: the store assigns versions.
  const id = bodyId ?? pathId;
  const idProblem = ruleIdIssue(id);
  if (idProblem) issues.push({ path: 'id', message: idProblem });
  if (pathId !== undefined && bodyId !== undefined && bodyId !== pathId) {
    issues.push({ path: 'id', message: `the body's id "${String(bodyId)}" differs from the URL's "${pathId}": make them equal or drop id from the body` });
  }
  const policy = onRedisDown ?? DEFAULT_ON_REDIS_DOWN;
  if (!ON_REDIS_DOWN.includes(policy as OnRedisDown)) {
    issues.push({ path: 'onRedisDown', message: `onRedisDown must be one of ${ON_REDIS_DOWN.join(', ')}` });
  }
  if (params.algorithm === 'token-bucket-naive') {
    issues.push({
      path: 'algorithm',
      message: 'token-bucket-naive is a teaching variant that double-spends under concurrency; it is only available in POST /v1/race. Use token-bucket',
    });
  }
  let rule: Rule | undefined;
  try {
    rule = parseRule(params);
  } catch (error) {
    if (error instanceof RuleError) issues.push(...error.issues);
    else throw error;
  }
  if (issues.length || !rule) throw new RuleError(issues);
  return { ...rule, id: id as string, onRedisDown: policy as OnRedisDown };
}

/** The algorithm part of a live rule (no id, policy or version), as createLimiter and MemoryLimiter expect it. */
export function algorithmRule(rule: LiveRule | VersionedRule): Rule {
  const { id: _id, onRedisDown: _policy, version: _version, ...params } = rule as VersionedRule;
  return params as Rule;
}
