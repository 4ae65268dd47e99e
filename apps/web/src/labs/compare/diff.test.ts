import { describe, expect, it } from 'vitest';
import { builtinScenario, parseScenario, runScenario } from '@ratelab/sim';
import { laneDifferences } from './diff';
import { limitVariant } from './variant';

describe('compare lanes', () => {
  it('finds no difference between two runs of one scenario, and explains every difference of a variant', () => {
    const scenario = builtinScenario('boundary-spike');
    if (!scenario) throw new Error('missing built-in');
    const a = runScenario(scenario);
    const same = laneDifferences([{ id: 'sim', label: 'sim', trace: a }, { id: 'again', label: 'again', trace: runScenario(scenario) }], 0);
    expect(same).toEqual([]);
    const v = limitVariant(scenario);
    expect(v.label).toBe('fixed.limit 10 → 9');
    const parsed = parseScenario(v.scenario);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const diffs = laneDifferences([{ id: 'sim', label: 'sim', trace: a }, { id: 'v', label: 'variant', trace: runScenario(parsed.scenario) }], 0);
    expect(diffs.length).toBeGreaterThan(0);
    expect(diffs[0]?.explanation).toMatch(/^Decision #0: remaining 9 on sim but 8 on variant/);
    expect(diffs.some((d) => d.fields.v?.includes('allowed'))).toBe(true);
  });
});
