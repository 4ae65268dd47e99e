import { expect, expectAccessible, linkFor, position, test, waitForRun } from './fixtures';
import { builtins } from './reference';

const BUILTINS = builtins();

test('first visit: the welcome note, a real first run, the lesson beside it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to the ratelab playground' })).toBeVisible();
  await waitForRun(page);
  expect((await position(page)).step).toBe(1);
  await expect(page.getByRole('heading', { name: 'What to notice' })).toBeVisible();
  await expectAccessible(page, 'the playground (light)');
  await page.getByRole('button', { name: 'Got it' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to the ratelab playground' })).toHaveCount(0);
  await page.reload();
  await waitForRun(page);
  await expect(page.getByRole('heading', { name: 'Welcome to the ratelab playground' })).toHaveCount(0);
});

test('the library lists every built-in scenario', async ({ page }) => {
  await page.goto('/');
  const options = page.locator('#scenario-pick option');
  await expect(options).toHaveCount(BUILTINS.length);
  expect(await options.allTextContents()).toEqual(BUILTINS.map((s) => s.title));
});

test('runs every built-in scenario from the library and shows the simulator\'s own numbers', async ({ page }) => {
  // The expected numbers come from running the same scenarios through @ratelab/sim in Node (see reference.ts).
  // One page for all of them: picking from the library is exactly what a learner does, and it keeps the suite short.
  await page.goto('/');
  await waitForRun(page);
  for (const scenario of BUILTINS) {
    await test.step(scenario.id, async () => {
      await page.getByLabel('Scenario library').selectOption(scenario.id);
      await expect(page.getByRole('heading', { level: 2, name: scenario.title })).toBeVisible();
      await expect(page.getByTestId('position')).toContainText(`of ${scenario.decisions}`);
      await waitForRun(page);
      const cards = page.locator('article.card');
      await expect(cards).toHaveCount(scenario.limiters.length);
      for (const [i, l] of scenario.limiters.entries()) {
        const summary = cards.nth(i).locator('.summary dd');
        await expect(summary).toHaveText([String(l.requests), String(l.allowed), String(l.blocked), String(l.maxAllowedInAnyWindow)]);
      }
      await expect(page.getByText(scenario.notice)).toBeVisible();
    });
  }
});

test('dark theme, phone width and the labs tab are accessible', async ({ page }) => {
  await page.goto(linkFor(BUILTINS[0]!.scenario, 5));
  await waitForRun(page);
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(page, 'the playground (dark)');
  await page.setViewportSize({ width: 390, height: 800 });
  await waitForRun(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no horizontal scrolling at phone width').toBeLessThanOrEqual(0);
  await expectAccessible(page, 'the playground at phone width');
  // The labs are another view, loaded on demand; their own specs test them.
  await page.getByRole('link', { name: 'Labs' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Labs' })).toBeVisible();
  await page.getByRole('link', { name: 'Playground', exact: true }).click();
  await waitForRun(page);
});
