import { expect, expectAccessible, linkFor, test, waitForRun } from './fixtures';
import { builtins } from './reference';

const spike = builtins().find((s) => s.id === 'boundary-spike') ?? builtins()[0]!;

test('the inspector shows state, explanation, headers and the real source with the deciding lines', async ({ page }) => {
  await page.goto(linkFor(spike.scenario, 0));
  await waitForRun(page);
  await expect(page.locator('.inspector .explanation')).toHaveText(spike.limiters[0]!.firstExplanation!);
  await page.getByRole('button', { name: 'Next blocked request' }).click();
  const headers = page.getByLabel('Response headers');
  await expect(headers).toContainText('429 Too Many Requests');
  await expect(headers).toContainText(/RateLimit-Policy: "\w+";q=\d+/);
  await expect(headers).toContainText(/Retry-After: \d+/);
  await page.getByRole('button', { name: 'Show the code that decided' }).click();
  const code = page.getByLabel('TypeScript model source');
  await expect(code).toContainText('decideInPlace');
  await expect(code.locator('.decide')).toContainText('allowed');
  await expect(code.locator('.branch').first()).toContainText('!allowed');
  await page.getByRole('tab', { name: 'Lua script' }).click();
  const lua = page.getByLabel('Lua script (atomic, runs inside Redis) source');
  await expect(lua).toContainText("redis.call(");
  await expect(lua.locator('.decide')).toContainText('local allowed');
  await expectAccessible(page, 'the inspector with source');
});

test('predict then reveal: guesses are scored and wrong ones explained', async ({ page }) => {
  await page.goto(linkFor(spike.scenario, 0));
  await waitForRun(page);
  await page.getByLabel('Decisions to guess').selectOption('3');
  await page.getByRole('button', { name: 'Start predicting' }).click();
  const panel = page.locator('.predict');
  await expect(panel).toContainText('Allowed or blocked?');
  await expectAccessible(page, 'predict mode');
  for (let i = 0; i < 3; i++) await panel.getByRole('button', { name: 'Blocked', exact: true }).click();
  await expect(panel).toContainText(/\d of 3/);
  await expect(panel.locator('p.ok, p.no').first()).toBeVisible();
  await panel.getByRole('button', { name: 'Done' }).click();
  await expect(panel).toContainText('Start predicting');
});
