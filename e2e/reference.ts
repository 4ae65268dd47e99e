import { execFileSync } from 'node:child_process';

/** What @ratelab/sim itself says about each built-in scenario, computed in Node, for the UI to be checked against. */
export interface Reference {
  id: string;
  title: string;
  notice: string;
  scenario: unknown;
  decisions: number;
  limiters: { id: string; requests: number; allowed: number; blocked: number; maxAllowedInAnyWindow: number; firstExplanation: string | undefined }[];
}

// Playwright's loader cannot import the simulator's JSON scenario files, so the reference run happens in a child
// Node process through tsx: the same package, the same engine, a separate process from the browser under test.
const SCRIPT = `
import('@ratelab/sim').then(({ BUILTIN_SCENARIOS, runScenario }) => {
  const out = BUILTIN_SCENARIOS.map((s) => {
    const t = runScenario(s, { engine: 'sim' });
    return {
      id: s.id, title: s.title, notice: s.notice, scenario: s,
      decisions: t.limiters.reduce((n, l) => n + l.decisions.length, 0),
      limiters: t.limiters.map((l) => ({ id: l.id, requests: l.summary.requests, allowed: l.summary.allowed, blocked: l.summary.blocked,
        maxAllowedInAnyWindow: l.summary.maxAllowedInAnyWindow, firstExplanation: l.decisions[0]?.explanation })),
    };
  });
  process.stdout.write(JSON.stringify(out));
});`;

let cached: Reference[] | null = null;

export function builtins(): Reference[] {
  cached ??= JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', SCRIPT], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Reference[];
  return cached;
}
