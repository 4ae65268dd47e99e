import { runScenario } from '../packages/sim/src/run';
import { parseScenario } from '../packages/sim/src/scenario/parse';
import type { Trace } from '../packages/sim/src/trace/types';
import { outageScenario, type OutageSetup } from '../apps/web/src/labs/outage/outage-scenario';
import { test, expect, expectAccessible } from './fixtures';

/** Counts, independently of the lab's code, the requests whose decision the fault flipped. */
function flipped(setup: OutageSetup): { admitted: number; refused: number; transitions: number } {
  const run = (withFault: boolean): Trace => {
    const parsed = parseScenario(outageScenario(setup, withFault));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return runScenario(parsed.scenario);
  };
  const fault = run(true);
  const base = run(false);
  const before = new Map<string, boolean>();
  for (const d of base.limiters[0]!.decisions) before.set(`${d.client}|${d.arrivalMs ?? d.tMs}|${d.attempt}`, d.allowed);
  let admitted = 0;
  let refused = 0;
  for (const d of fault.limiters[0]!.decisions) {
    const was = before.get(`${d.client}|${d.arrivalMs ?? d.tMs}|${d.attempt}`);
    if (d.allowed && was === false) admitted += 1;
    if (!d.allowed && was === true) refused += 1;
  }
  return { admitted, refused, transitions: fault.breaker.length };
}

const DEFAULTS: OutageSetup = {
  replicas: 2, faultKind: 'redis-down', fromMs: 1500, toMs: 3500, extraLatencyMs: 300, breaker: true,
  scope: 'local', failureThreshold: 3, openMs: 800, halfOpenProbes: 1, onRedisDown: 'allow',
};

test('the outage lab shows breaker lanes and the cost of the outage from simulator runs', async ({ page }) => {
  await page.goto('/#labs');
  await page.getByRole('tab', { name: 'Outage & breaker' }).click();
  const expected = flipped(DEFAULTS);
  expect(expected.admitted).toBeGreaterThan(0);
  await expect(page.getByTestId('wrongly-admitted')).toHaveText(String(expected.admitted));
  await expect(page.getByTestId('wrongly-refused')).toHaveText(String(expected.refused));
  await expect(page.getByTestId('breaker-transitions')).toHaveText(String(expected.transitions));
  await expect(page.getByRole('img', { name: /replica 0 closed→open/ })).toBeVisible();

  // Fail closed instead, with one shared breaker: the cost moves to wrongly refused requests.
  await page.getByLabel('When Redis is down', { exact: true }).selectOption('deny');
  await page.getByLabel('Breaker scope', { exact: true }).selectOption('shared');
  const denied = flipped({ ...DEFAULTS, onRedisDown: 'deny', scope: 'shared' });
  expect(denied.refused).toBeGreaterThan(0);
  await expect(page.getByTestId('wrongly-refused')).toHaveText(String(denied.refused));
  await expect(page.getByTestId('wrongly-admitted')).toHaveText(String(denied.admitted));
  await expect(page.getByRole('img', { name: /shared closed→open/ })).toBeVisible();
  await expectAccessible(page, 'the outage lab');
});

test('the fault segment moves with the keyboard', async ({ page }) => {
  await page.goto('/#labs');
  await page.getByRole('tab', { name: 'Outage & breaker' }).click();
  const start = page.getByRole('slider', { name: /Fault starts at/ });
  await start.focus();
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
  await expect(start).toHaveValue('2000');
  const expected = flipped({ ...DEFAULTS, fromMs: 2000 });
  await expect(page.getByTestId('wrongly-admitted')).toHaveText(String(expected.admitted));
  await expect(page.getByRole('img', { name: /redis-down 2000-3500 ms/ })).toBeVisible();
});
