import { zodIssues, type Issue } from '@ratelab/algorithms';
import { DEFAULT_LIMITS, type ScenarioLimits } from './limits.js';
import { scenarioSchema } from './schema.js';
import type { Scenario } from './types.js';

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; issues: Issue[] };

let defaultSchema: ReturnType<typeof scenarioSchema> | undefined;

/**
 * Validates a scenario (an object, or its JSON text) once, at the edge. Returns every problem with its JSON path
 * (`limiters[0].windowMs`), or the scenario with all defaults filled in. Never throws for bad input.
 * `limits` raises or lowers the documented size limits (trusted callers such as the benchmark only).
 */
export function parseScenario(input: unknown, options: { limits?: Partial<ScenarioLimits> } = {}): ParseResult {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  let value = input;
  if (typeof input === 'string') {
    if (input.length > limits.maxFileBytes)
      return { ok: false, issues: [{ path: '', message: `the scenario is ${input.length} bytes; the limit is ${limits.maxFileBytes}` }] };
    try {
      value = JSON.parse(input);
    } catch (error) {
      return { ok: false, issues: [{ path: '', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, issues: [{ path: '', message: 'a scenario must be a JSON object' }] };
  const schema = options.limits ? scenarioSchema(limits) : (defaultSchema ??= scenarioSchema());
  const result = schema.safeParse(value);
  if (!result.success) return { ok: false, issues: zodIssues(result.error) };
  return { ok: true, scenario: result.data as unknown as Scenario };
}
