import { z } from 'zod';

/** The seven algorithms of `algorithms.md`. `token-bucket-naive` is the non-atomic teaching variant. */
export const ALGORITHMS = [
  'token-bucket',
  'token-bucket-naive',
  'leaky-bucket',
  'fixed-window',
  'sliding-log',
  'sliding-counter',
  'gcra',
] as const;
export type AlgorithmName = (typeof ALGORITHMS)[number];

/** Upper bounds that keep arithmetic exact in doubles and stop a hostile rule from asking for absurd state. */
export const RULE_LIMITS = {
  maxUnits: 1_000_000_000,
  maxRatePerSecond: 1_000_000_000,
  minRatePerSecond: 0.000001,
  maxWindowMs: 31 * 24 * 3600 * 1000,
  maxCost: 1_000_000_000,
} as const;

const units = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .min(1, { error: `${what} must be at least 1` })
    .max(RULE_LIMITS.maxUnits, { error: `${what} must be at most ${RULE_LIMITS.maxUnits}` });

const rate = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .min(RULE_LIMITS.minRatePerSecond, { error: `${what} must be positive (at least ${RULE_LIMITS.minRatePerSecond})` })
    .max(RULE_LIMITS.maxRatePerSecond, { error: `${what} must be at most ${RULE_LIMITS.maxRatePerSecond}` });

const windowMs = z
  .number({ error: 'windowMs must be a number' })
  .int({ error: 'windowMs must be a whole number of milliseconds' })
  .min(1, { error: 'windowMs must be at least 1' })
  .max(RULE_LIMITS.maxWindowMs, { error: `windowMs must be at most ${RULE_LIMITS.maxWindowMs} (31 days)` });

export const tokenBucketParams = z.strictObject({ capacity: units('capacity'), refillPerSecond: rate('refillPerSecond') });
export const leakyBucketParams = z.strictObject({ capacity: units('capacity'), leakPerSecond: rate('leakPerSecond') });
export const fixedWindowParams = z.strictObject({ limit: units('limit'), windowMs });
export const slidingLogParams = z.strictObject({
  limit: units('limit'),
  windowMs,
  countRejected: z.boolean({ error: 'countRejected must be true or false' }).default(false),
});
export const slidingCounterParams = z.strictObject({ limit: units('limit'), windowMs });
export const gcraParams = z.strictObject({ ratePerSecond: rate('ratePerSecond'), burst: units('burst') });

export type TokenBucketParams = z.infer<typeof tokenBucketParams>;
export type LeakyBucketParams = z.infer<typeof leakyBucketParams>;
export type FixedWindowParams = z.infer<typeof fixedWindowParams>;
export type SlidingLogParams = z.infer<typeof slidingLogParams>;
export type SlidingCounterParams = z.infer<typeof slidingCounterParams>;
export type GcraParams = z.infer<typeof gcraParams>;

/** Parameter schema of each algorithm, without the `algorithm` field. */
export const PARAM_SCHEMAS = {
  'token-bucket': tokenBucketParams,
  'token-bucket-naive': tokenBucketParams,
  'leaky-bucket': leakyBucketParams,
  'fixed-window': fixedWindowParams,
  'sliding-log': slidingLogParams,
  'sliding-counter': slidingCounterParams,
  gcra: gcraParams,
} as const;

/** A rule: the algorithm's name and its parameters, as in `algorithms.md`. */
export const ruleSchema = z.discriminatedUnion(
  'algorithm',
  [
    tokenBucketParams.extend({ algorithm: z.literal('token-bucket') }),
    tokenBucketParams.extend({ algorithm: z.literal('token-bucket-naive') }),
    leakyBucketParams.extend({ algorithm: z.literal('leaky-bucket') }),
    fixedWindowParams.extend({ algorithm: z.literal('fixed-window') }),
    slidingLogParams.extend({ algorithm: z.literal('sliding-log') }),
    slidingCounterParams.extend({ algorithm: z.literal('sliding-counter') }),
    gcraParams.extend({ algorithm: z.literal('gcra') }),
  ],
  { error: `algorithm must be one of ${ALGORITHMS.join(', ')}` },
);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;
export type RuleOf<A extends AlgorithmName> = Extract<Rule, { algorithm: A }>;

/** One problem with an input, located by its JSON path (`capacity`, `limiters[0].windowMs`). */
export interface Issue {
  path: string;
  message: string;
}

/** Thrown when a rule cannot be used; `issues` names every parameter to change. */
export class RuleError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(`Invalid rate-limit rule: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
    this.name = 'RuleError';
    this.issues = issues;
  }
}

/** Turns zod's issue paths into `a.b[0].c` strings, the form every error in ratelab uses. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export function zodIssues(error: z.ZodError, prefix = ''): Issue[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    const full = prefix && path ? `${prefix}.${path}` : prefix || path;
    return { path: full, message: issue.message };
  });
}

/** Like `zodIssues`, but an unknown rule parameter is located at the parameter itself, so the path names it. */
function ruleIssues(error: z.ZodError): Issue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: `unknown parameter "${key}": remove it or check its spelling` }))
      : zodIssues(new z.ZodError([issue])),
  );
}

/** The largest cost a single request may have under this rule. */
export function ruleCapacity(rule: Rule): number {
  switch (rule.algorithm) {
    case 'token-bucket':
    case 'token-bucket-naive':
    case 'leaky-bucket':
      return rule.capacity;
    case 'fixed-window':
    case 'sliding-log':
    case 'sliding-counter':
      return rule.limit;
    case 'gcra':
      return rule.burst;
  }
}

/**
 * The span one rule's allowance covers, in whole ms (at least 1): the window of the window algorithms, and for the
 * buckets and GCRA the time to refill (or drain) from empty to full. It is the `w` of RateLimit-Policy, the window
 * of `maxAllowedInAnyWindow`, and the basis of key TTLs, so all three agree.
 */
export function quotaWindowMs(rule: Rule): number {
  const ms = (() => {
    switch (rule.algorithm) {
      case 'token-bucket':
      case 'token-bucket-naive':
        return (rule.capacity * 1000) / rule.refillPerSecond;
      case 'leaky-bucket':
        return (rule.capacity * 1000) / rule.leakPerSecond;
      case 'gcra':
        return (rule.burst * 1000) / rule.ratePerSecond;
      case 'fixed-window':
      case 'sliding-log':
      case 'sliding-counter':
        return rule.windowMs;
    }
  })();
  return Math.max(1, Math.ceil(ms));
}

/** Validates a rule once, at the edge; throws `RuleError` naming each bad parameter. */
export function parseRule(input: unknown): Rule {
  const result = ruleSchema.safeParse(input);
  if (!result.success) throw new RuleError(ruleIssues(result.error));
  return result.data;
}

/** Checks a request's cost against its rule: a cost that can never be allowed is a configuration error. */
export function costIssue(rule: Rule, cost: number): string | undefined {
  if (!Number.isInteger(cost) || cost < 1) return `cost must be a whole number of at least 1 (got ${String(cost)})`;
  const cap = ruleCapacity(rule);
  if (cost > cap) return `cost ${cost} can never be allowed: it is above the rule's ${capacityName(rule)} of ${cap}`;
  return undefined;
}

export function capacityName(rule: Rule): 'capacity' | 'limit' | 'burst' {
  if (rule.algorithm === 'gcra') return 'burst';
  if (rule.algorithm === 'token-bucket' || rule.algorithm === 'token-bucket-naive' || rule.algorithm === 'leaky-bucket')
    return 'capacity';
  return 'limit';
}
