import { expect, linkFor, position, test, waitForRun } from './fixtures';
import { builtins } from './reference';

const scenario = builtins()[0]!;

test.beforeEach(async ({ page }) => {
  await page.goto(linkFor(scenario.scenario, 0));
  await waitForRun(page);
});

test('scrub, step forward and back with the buttons', async ({ page }) => {
  const scrub = page.getByRole('slider', { name: 'Step through the run' });
  await scrub.fill('10');
  expect((await position(page)).step).toBe(11);
  await page.getByRole('button', { name: 'Step forward one decision (→)' }).click();
  expect((await position(page)).step).toBe(12);
  await page.getByRole('button', { name: 'Step back one decision (←)' }).click();
  await page.getByRole('button', { name: 'Step back one decision (←)' }).click();
  expect((await position(page)).step).toBe(10);
  await page.getByRole('button', { name: 'Last decision (End)' }).click();
  const end = await position(page);
  expect(end.step).toBe(end.of);
  await page.getByRole('button', { name: 'Step forward one decision (→)' }).click();
  expect((await position(page)).step).toBe(end.of);
  await page.getByRole('button', { name: 'First decision (Home)' }).click();
  expect((await position(page)).step).toBe(1);
  // The marker buttons jump to the next blocked request: the inspector then says "blocked".
  await page.getByRole('button', { name: 'Next blocked request' }).click();
  await expect(page.locator('.inspector h2 .badge')).toHaveText('blocked');
});

test('keyboard: arrows, Home/End, Space plays, ? opens help, nothing fires while typing', async ({ page }) => {
  await page.locator('body').press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect((await position(page)).step).toBe(3);
  await page.keyboard.press('ArrowLeft');
  expect((await position(page)).step).toBe(2);
  await page.keyboard.press('Shift+ArrowRight');
  expect((await position(page)).step).toBe(12);
  await page.keyboard.press('End');
  const end = await position(page);
  expect(end.step).toBe(end.of);
  await page.keyboard.press('Home');
  expect((await position(page)).step).toBe(1);

  await page.getByLabel('Speed').selectOption('16');
  await page.locator('body').press('Space');
  await expect(page.getByRole('button', { name: 'Pause (Space)' })).toBeVisible();
  await expect.poll(async () => (await position(page)).step).toBeGreaterThan(3);
  await page.locator('body').press('Space');
  await expect(page.getByRole('button', { name: 'Play (Space)' })).toBeVisible();
  const paused = (await position(page)).step;
  await page.waitForTimeout(300);
  expect((await position(page)).step).toBe(paused);

  // Typing in a field moves nothing.
  const seed = page.getByLabel('Seed');
  await seed.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Home');
  await page.keyboard.press('Space');
  expect((await position(page)).step).toBe(paused);

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});
