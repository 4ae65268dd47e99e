import { expect, expectAccessible, linkFor, position, test, waitForRun } from './fixtures';
import { builtins } from './reference';

const scenario = builtins()[1] ?? builtins()[0]!;

test('a copied share link reopens the same run at the same step in a new page', async ({ page, context }) => {
  await page.goto('/');
  await waitForRun(page);
  await page.getByLabel('Scenario library').selectOption(scenario.id);
  await waitForRun(page);
  await page.getByRole('slider', { name: 'Step through the run' }).fill('17');
  await page.keyboard.press('ArrowRight');
  const here = await position(page);
  const inspector = await page.locator('.inspector .meta').textContent();
  await page.getByRole('button', { name: 'Share' }).click();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status')).toContainText('Link copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await page.getByLabel(/Link to this run at step/).inputValue());
  expect(copied).toMatch(/[?&]v=1&/);

  const other = await context.newPage();
  await other.goto(copied);
  await waitForRun(other);
  expect(await position(other)).toEqual(here);
  await expect(other.locator('.inspector .meta')).toHaveText(inspector!);
  await expect(other.getByRole('heading', { level: 2, name: scenario.title })).toBeVisible();
  await other.close();
});

test('a damaged link says so and still shows a working playground', async ({ page }) => {
  await page.goto('/?v=1&s=not-a-real-scenario&step=3');
  await expect(page.getByRole('alert')).toContainText('the shared link was not loaded');
  await waitForRun(page);
});

test('embed mode shows the run without the editor and can be locked to a step range', async ({ page }) => {
  await page.goto(linkFor(scenario.scenario, 12, { embed: true, range: [10, 20] }));
  await waitForRun(page);
  await expect(page.getByRole('link', { name: 'Open in the ratelab playground' })).toBeVisible();
  await expect(page.getByText('Parameters and traffic')).toHaveCount(0);
  expect((await position(page)).step).toBe(13);
  await expect(page.getByRole('status')).toContainText('locked to steps 11–21');
  await page.keyboard.press('End');
  expect((await position(page)).step).toBe(21);
  await page.keyboard.press('Home');
  expect((await position(page)).step).toBe(11);
  await page.keyboard.press('ArrowLeft');
  expect((await position(page)).step).toBe(11);
  await expectAccessible(page, 'the embed');
});
