// The library contract: from the repository root, `node --import tsx` loads '@ratelab/algorithms' by its name.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('@ratelab/algorithms as a library', () => {
  it('loads by package name from the repository root with node --import tsx', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '-e', "import('@ratelab/algorithms').then((m) => console.log(JSON.stringify(Object.keys(m))))"],
      { cwd: root, encoding: 'utf8', timeout: 30_000 },
    );
    const names = JSON.parse(out.trim().split('\n').pop() ?? '[]') as string[];
    expect(names).toEqual(expect.arrayContaining(['createLimiter', 'parseRule', 'RuleError', 'MemoryLimiter', 'step', 'SCRIPTS']));
  });
});
