// `npm test`: the whole suite in one command, on a clean machine or in CI (.ci/run).
//   1. makes sure redis-server, redis-cli and /usr/bin/chromium exist (apt-get installs them when we are root);
//   2. starts one throwaway redis-server on a free loopback port and hands REDIS_TEST_URL to every step;
//   3. runs the steps in order, streaming their output: types (tsc), lint (eslint), unit (vitest run),
//      build (vite build) and e2e (playwright test, when playwright.config.ts exists);
//   4. always stops Redis (on success, failure, SIGINT and SIGTERM) and prints a summary whose last line is
//      `N passed, N failed` (steps). The exit code is non-zero when any step failed.
// Bounds: each step has its own time limit, and all steps together get --budget seconds (default 2400). The suite
// takes about 6-10 minutes here; the budget is a guard against a hang, set well inside CI's 90-minute limit, not a
// target: a busy machine must not turn a passing suite into a failure. A step that overruns is stopped and failed.
// Usage: node scripts/test.mjs [--only types,lint,unit,build,e2e] [--update-snapshots] [--budget <s>] [-- extra args]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, ensurePrerequisites } from './lib/prerequisites.mjs';
import { startRedis } from './lib/redis-server.mjs';
import { runStep, signalCurrentStep } from './lib/run-step.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const HAS_E2E = existsSync(path.join(ROOT, 'playwright.config.ts'));
const USAGE = 'usage: node scripts/test.mjs [--only types,lint,unit,build,e2e] [--update-snapshots] [--budget <seconds>] [-- args for the step]';

// ---- arguments --------------------------------------------------------------------------------------------------
const STEP_NAMES = ['types', 'lint', 'unit', 'build', 'e2e'];
/** Friendly names people type for --only. `e2e` includes the web build it tests. */
const ALIASES = { tsc: ['types'], typecheck: ['types'], eslint: ['lint'], vitest: ['unit'], test: ['unit'], playwright: ['e2e'], e2e: ['build', 'e2e'] };

function parseArgs(argv) {
  const dashDash = argv.indexOf('--');
  const own = dashDash === -1 ? argv : argv.slice(0, dashDash);
  const passThrough = dashDash === -1 ? [] : argv.slice(dashDash + 1);
  let only;
  let updateSnapshots = false;
  let budgetMs = 2_400_000;
  for (let i = 0; i < own.length; i += 1) {
    const arg = own[i];
    if (arg === '--update-snapshots' || arg === '-u') updateSnapshots = true;
    else if (arg === '--budget') {
      const seconds = Number(own[++i]);
      if (!Number.isInteger(seconds) || seconds < 10 || seconds > 7200) usageError('--budget needs a whole number of seconds from 10 to 7200');
      budgetMs = seconds * 1000;
    }
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg.includes('=') ? arg.slice('--only='.length) : own[++i];
      if (!value) usageError('--only needs a step name');
      only = new Set();
      for (const name of value.split(',')) {
        const steps = ALIASES[name] ?? (STEP_NAMES.includes(name) ? [name] : undefined);
        if (!steps) usageError(`unknown step '${name}' for --only (steps: ${STEP_NAMES.join(', ')})`);
        steps.forEach((s) => only.add(s));
      }
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else usageError(`unknown option '${arg}'`);
  }
  const selected = STEP_NAMES.filter((s) => !only || only.has(s));
  if (passThrough.length && selected.length !== 1 && !(selected.length === 2 && selected[1] === 'e2e'))
    usageError('arguments after -- need exactly one step, e.g. --only unit -- packages/sim');
  return { selected, updateSnapshots, budgetMs, passThrough };
}

function usageError(message) {
  console.error(`test: ${message}\n${USAGE}`);
  process.exit(2);
}

const { selected, updateSnapshots, budgetMs, passThrough } = parseArgs(process.argv.slice(2));
const reportDir = mkdtempSync(path.join(os.tmpdir(), 'ratelab-test-'));

// ---- steps ------------------------------------------------------------------------------------------------------
/** Reads a JSON report a step wrote, or undefined when it wrote none (crashed before reporting). */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const STEPS = {
  types: { title: 'types (tsc --noEmit)', command: bin('tsc'), args: ['-p', 'tsconfig.json', '--noEmit'], timeoutMs: 300_000 },
  lint: { title: 'lint (eslint .)', command: bin('eslint'), args: ['.'], timeoutMs: 300_000 },
  unit: {
    title: 'unit (vitest run)',
    command: bin('vitest'),
    // Vitest defaults to (cores - 1) workers, a single one on a 2-core CI machine; many test files mostly wait on
    // Redis and child processes, so two workers there finish sooner without starving each other.
    args: ['run', `--maxWorkers=${Math.max(2, os.availableParallelism())}`, '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(reportDir, 'vitest.json')}`],
    timeoutMs: 1_200_000,
    tests() {
      const r = readJson(path.join(reportDir, 'vitest.json'));
      // A file can fail without a failing test (an error in beforeAll or at import): count those files too.
      return r && { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests, failedFiles: r.numFailedTestSuites };
    },
  },
  build: { title: 'build (vite build)', command: bin('vite'), args: ['build', '--logLevel', 'warn'], timeoutMs: 300_000 },
  e2e: {
    title: 'e2e (playwright test)',
    command: bin('playwright'),
    args: ['test', '--reporter=list,json', ...(updateSnapshots ? ['--update-snapshots'] : [])],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: path.join(reportDir, 'playwright.json') },
    timeoutMs: 1_200_000,
    skip: HAS_E2E ? undefined : 'no playwright.config.ts yet',
    tests() {
      const s = readJson(path.join(reportDir, 'playwright.json'))?.stats;
      return s && { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
    },
  },
};

// ---- Redis lifecycle and signals --------------------------------------------------------------------------------
let redis;
/** Set by SIGINT/SIGTERM: the handler cleans up and exits, so main must not carry on with the next step. */
let interrupted = false;
async function stopRedis() {
  const r = redis;
  redis = undefined;
  if (r) await r.stop().catch((error) => console.error(`[test] stopping redis-server: ${error.message}`));
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    interrupted = true;
    console.error(`\n[test] ${signal}: stopping the running step and redis-server`);
    signalCurrentStep(signal);
    await stopRedis();
    rmSync(reportDir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}
// Last resort if we die some other way: never leave a redis-server behind.
process.on('exit', () => {
  if (redis?.pid) {
    try {
      process.kill(redis.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

// ---- main -------------------------------------------------------------------------------------------------------
const fmt = (ms) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

async function main() {
  const runnable = selected.filter((s) => !STEPS[s].skip);
  const needs = [];
  if (runnable.includes('unit') || runnable.includes('e2e')) needs.push('redis-server', 'redis-cli');
  if (runnable.includes('unit')) needs.push('openssl');
  if (runnable.includes('e2e')) needs.push(CHROMIUM);
  const problem = ensurePrerequisites(needs);
  if (problem) {
    console.error(`test: ${problem}`);
    return 2;
  }
  const env = { ...process.env };
  if (needs.length) {
    redis = await startRedis();
    env.REDIS_TEST_URL = redis.url;
    console.log(`[test] redis-server ${redis.url} (pid ${redis.pid}) for this run`);
  }

  const results = [];
  const started = performance.now();
  for (const name of selected) {
    const step = STEPS[name];
    const buildFailed = name === 'e2e' && results.some((r) => r.name === 'build' && r.status === 'failed');
    const skip = step.skip ?? (buildFailed ? 'the web build failed' : undefined);
    if (skip) {
      results.push({ name, title: step.title, status: 'skipped', note: skip, ms: 0 });
      console.log(`\n[test] ── ${step.title}: skipped (${skip})`);
      continue;
    }
    console.log(`\n[test] ── ${step.title}`);
    const extra = passThrough.length && (name === selected.at(-1)) ? passThrough : [];
    const left = budgetMs - (performance.now() - started);
    if (left < 5000) {
      results.push({ name, title: step.title, status: 'failed', note: `not run: the ${fmt(budgetMs)} budget is spent`, ms: 0 });
      console.log(`[test] ${step.title}: not run, the time budget is spent`);
      continue;
    }
    const timeoutMs = Math.min(step.timeoutMs, left);
    const run = await runStep({ command: step.command, args: [...step.args, ...extra], cwd: ROOT, env: { ...env, ...step.env }, timeoutMs });
    if (interrupted) return new Promise(() => {}); // The signal handler stops Redis and exits.
    const tests = step.tests?.();
    const status = run.code === 0 ? 'passed' : 'failed';
    const note = run.timedOut ? `timed out after ${fmt(timeoutMs)}` : run.code === 0 ? '' : `exit ${run.code}`;
    results.push({ name, title: step.title, status, note, ms: run.ms, tests });
  }
  await stopRedis();

  console.log('\n[test] summary');
  for (const r of results) {
    const files = r.tests?.failedFiles ? `, ${r.tests.failedFiles} file(s) failed` : '';
    const counts = r.tests ? `  tests: ${r.tests.passed} passed, ${r.tests.failed} failed, ${r.tests.skipped} skipped${files}` : '';
    console.log(`  ${r.status.padEnd(7)} ${r.title.padEnd(24)} ${fmt(r.ms).padStart(8)}${counts}${r.note ? `  (${r.note})` : ''}`);
  }
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  const counted = results.filter((r) => r.tests);
  const sum = (field) => counted.reduce((n, r) => n + (r.tests[field] ?? 0), 0);
  const testLine = counted.length ? `; tests ${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped` : '';
  console.log(`  total ${fmt(performance.now() - started)}${skipped ? `, ${skipped} step(s) skipped` : ''}${testLine}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`[test] ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await stopRedis();
  rmSync(reportDir, { recursive: true, force: true });
}
process.exit(exitCode);
