import { expect, linkFor, position, test, waitForRun } from './fixtures';
import { builtins } from './reference';

const spike = builtins().find((s) => s.id === 'boundary-spike') ?? builtins()[0]!;

test('editing a parameter re-runs the simulation, keeps the moment and updates the link', async ({ page }) => {
  await page.goto(linkFor(spike.scenario, 20));
  await waitForRun(page);
  const first = page.locator('article.card').first();
  const before = await first.locator('.summary dd').allTextContents();
  const at = await position(page);
  const linkBefore = page.url();
  const limit = page.locator('fieldset.limiter-edit').first().getByLabel('Limit (requests)');
  await limit.fill('3');
  await expect(first.locator('.summary dd').nth(1)).not.toHaveText(before[1]!);
  await waitForRun(page);
  const after = await first.locator('.summary dd').allTextContents();
  expect(Number(after[2]), 'a lower limit blocks more').toBeGreaterThan(Number(before[2]));
  expect((await position(page)).tMs, 'the cursor stays at the same moment').toBeGreaterThanOrEqual(at.tMs);
  await expect.poll(() => page.url()).not.toBe(linkBefore);
  await page.reload();
  await waitForRun(page);
  await expect(page.locator('fieldset.limiter-edit').first().getByLabel('Limit (requests)')).toHaveValue('3');
});

test('a bad value lists the problem with its JSON path and keeps the last run on screen', async ({ page }) => {
  await page.goto(linkFor(spike.scenario, 0));
  await waitForRun(page);
  const window = page.locator('fieldset.limiter-edit').first().getByLabel('Window (ms)');
  await window.fill('');
  const problems = page.getByRole('alert').filter({ hasText: 'This scenario cannot run' });
  await expect(problems).toBeVisible();
  await expect(problems.locator('code.path').first()).toHaveText('limiters[0].windowMs');
  await expect(page.locator('article.card')).toHaveCount(spike.limiters.length);
  await window.fill('500');
  await expect(problems).toBeHidden();
});

test('switch an algorithm, add a limiter and a client, change arrivals and the retry policy', async ({ page }) => {
  await page.goto(linkFor(spike.scenario, 0));
  await waitForRun(page);
  await page.locator('fieldset.limiter-edit').first().getByLabel('Algorithm').selectOption('gcra');
  await expect(page.locator('article.card').first()).toContainText('GCRA');
  await page.getByRole('button', { name: /Add a limiter/ }).click();
  await expect(page.locator('article.card')).toHaveCount(spike.limiters.length + 1);
  await page.getByRole('button', { name: 'Add a client' }).click();
  const client = page.locator('fieldset.client-edit').last();
  await client.getByLabel('Arrivals').selectOption('burst');
  await client.getByLabel('Count').fill('40');
  await client.getByLabel('When blocked').selectOption('exponential');
  await client.getByLabel('Max attempts').fill('4');
  await waitForRun(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The burst's retries appear as later attempts in the narration of the run.
  await page.keyboard.press('End');
  await expect(page.locator('.narration-list')).toBeVisible();
});
