// Runs one test step as a child process with its output streamed straight to ours, a hard time limit, and a way
// to stop it from a signal handler. Resolves to { code, ms, timedOut }; it never rejects for a failing step.
import { spawn } from 'node:child_process';

/** The child currently running, so a SIGINT/SIGTERM handler can pass the signal on. */
let current;

/**
 * Sends `signal` to the running step's whole process group. Steps run in a group of their own because vitest
 * workers, Playwright's web server and browsers are grandchildren: signalling only the direct child once left an
 * orphaned vitest worker spinning after a timeout.
 */
export function signalCurrentStep(signal) {
  signalGroup(current, signal);
}

function signalGroup(child, signal) {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Runs `command args` in `cwd` with `env`, inheriting stdio. After `timeoutMs` the child gets SIGTERM, then
 * SIGKILL 10 s later, and the step counts as failed: a hung step must not hold CI until its global timeout.
 */
export function runStep({ command, args, cwd, env, timeoutMs }) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit', detached: true });
    current = child;
    let timedOut = false;
    let killer;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n[test] ${command} ${args.join(' ')} exceeded ${Math.round(timeoutMs / 1000)} s; stopping it`);
      signalGroup(child, 'SIGTERM');
      killer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
    }, timeoutMs);
    const finish = (code) => {
      clearTimeout(timer);
      clearTimeout(killer);
      current = undefined;
      resolve({ code, ms: performance.now() - started, timedOut });
    };
    child.once('error', (error) => {
      console.error(`[test] could not start ${command}: ${error.message}`);
      finish(127);
    });
    child.once('exit', (code, signal) => {
      // Whatever the step left behind in its group (workers, servers) goes with it.
      signalGroup(child, 'SIGKILL');
      finish(code ?? (signal ? 128 : 1));
    });
  });
}
