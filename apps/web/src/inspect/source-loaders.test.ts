import { describe, expect, it } from 'vitest';
import { SCRIPTS } from '@ratelab/algorithms';
import { readFileSync } from 'node:fs';
import { decidingLines } from './source-loaders';

const model = readFileSync(new URL('../../../../packages/algorithms/src/models/sliding-log.ts', import.meta.url), 'utf8');

describe('decidingLines', () => {
  it('finds the comparison and the branch taken in the real model', () => {
    const allowed = decidingLines(model, true);
    const lines = model.split('\n');
    expect(allowed.decide.map((i) => lines[i])).toEqual([expect.stringMatching(/const allowed =/)]);
    expect(allowed.branch.map((i) => lines[i]!.trim())).toContain('if (allowed || p.countRejected) {');
    expect(decidingLines(model, false).branch.map((i) => lines[i]!.trim())).toContain('if (!allowed) {');
  });

  it('finds the decision in every Lua script', () => {
    for (const [name, s] of Object.entries(SCRIPTS)) {
      expect(decidingLines(s.source, true).decide.length, name).toBeGreaterThan(0);
    }
  });
});
