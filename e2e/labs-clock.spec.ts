import { runScenario } from '../packages/sim/src/run';
import { parseScenario } from '../packages/sim/src/scenario/parse';
import { clockScenario } from '../apps/web/src/labs/clock/clock-scenario';
import { test, expect, expectAccessible } from './fixtures';

function maxInWindow(skewMs: number[], clock: 'app' | 'redis', algorithm: 'fixed-window' | 'token-bucket' = 'fixed-window'): number {
  const parsed = parseScenario(clockScenario({ algorithm, skewMs, clock }, clock));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return runScenario(parsed.scenario).limiters[0]!.summary.maxAllowedInAnyWindow;
}

test('clock skew lets a fixed window admit more than its limit with app clocks, not with Redis time', async ({ page }) => {
  await page.goto('/#labs');
  await page.getByRole('tab', { name: 'Clocks' }).click();
  const app = maxInWindow([0, 500], 'app');
  const redis = maxInWindow([0, 500], 'redis');
  expect(app).toBeGreaterThan(10);
  expect(redis).toBe(10);
  await expect(page.getByTestId('clock-max-app')).toHaveText(String(app));
  await expect(page.getByTestId('clock-max-redis')).toHaveText(String(redis));
  await expect(page.getByTestId('clock-verdict')).toContainText('more than with Redis time');

  await page.getByLabel('Clock shown', { exact: true }).selectOption('redis');
  await expect(page.getByTestId('clock-verdict')).toContainText('skew changes nothing');

  // Skew back to zero with the keyboard: app clocks agree with Redis time again.
  const slider = page.getByRole('slider', { name: /Replica 1 clock skew/ });
  await slider.focus();
  for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveValue('0');
  await expect(page.getByTestId('clock-max-app')).toHaveText(String(maxInWindow([0, 0], 'app')));
  await page.getByLabel('Clock shown', { exact: true }).selectOption('app');
  await expect(page.getByTestId('clock-verdict')).toContainText('No more than with Redis time');
  await expectAccessible(page, 'the clock lab');
});

test('the bucket with a skewed replica admits more with app clocks too', async ({ page }) => {
  await page.goto('/#labs');
  await page.getByRole('tab', { name: 'Clocks' }).click();
  await page.getByLabel('Algorithm', { exact: true }).selectOption('token-bucket');
  const slider = page.getByRole('slider', { name: /Replica 1 clock skew/ });
  await slider.focus();
  for (let i = 0; i < 8; i += 1) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('900');
  const app = maxInWindow([0, 900], 'app', 'token-bucket');
  const redis = maxInWindow([0, 900], 'redis', 'token-bucket');
  await expect(page.getByTestId('clock-max-app')).toHaveText(String(app));
  await expect(page.getByTestId('clock-max-redis')).toHaveText(String(redis));
});
