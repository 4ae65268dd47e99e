import { test, expect, expectAccessible } from './fixtures';
import { allowFailedRequests, startLabsServer, type LabsServer } from './labs-server';

test.describe('compare lanes against a server with a real Redis started by the test', () => {
  let server: LabsServer;
  test.beforeAll(async () => {
    server = await startLabsServer();
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('sim, the Lua scripts in the page and real Redis agree on every decision', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(`${server.baseURL}/#labs`);
    await page.getByRole('tab', { name: 'Compare lanes' }).click();
    await page.getByLabel('Scenario', { exact: true }).selectOption('boundary-spike');
    await page.getByRole('button', { name: /Run the Lua lane/ }).click();
    await page.getByRole('button', { name: /Record the real lane/ }).click();
    const summary = page.getByTestId('compare-summary');
    await expect(summary).toContainText(/All 3 lanes agree on every one of \d+ decisions \(sim, lua, server Redis\)/, { timeout: 30_000 });
    await expect(page.getByTestId('compare-lanes').locator('.tick-diff')).toHaveCount(0);
    // The recorded lane is scrubbed in the page: moving the cursor needs no server call.
    let replays = 0;
    page.on('request', (r) => {
      if (r.url().includes('/v1/replay')) replays += 1;
    });
    const slider = page.getByRole('slider', { name: /Decision/ });
    await slider.focus();
    await page.keyboard.press('End');
    await expect(page.getByTestId('decision-table').locator('tbody tr')).toHaveCount(3);
    expect(replays).toBe(0);
    await expectAccessible(page, 'the compare lab');
  });

  test('a deliberately different lane is highlighted and explained', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(`${server.baseURL}/#labs`);
    await page.getByRole('tab', { name: 'Compare lanes' }).click();
    await page.getByLabel('Scenario', { exact: true }).selectOption('boundary-spike');
    await page.getByLabel('Deliberate difference', { exact: true }).selectOption('lua');
    await expect(page.getByText(/Variant: fixed\.limit 10 → 9, on the lua lane only/)).toBeVisible();
    await page.getByRole('button', { name: /Run the Lua lane/ }).click();
    const summary = page.getByTestId('compare-summary');
    await expect(summary).toContainText(/\d+ decision\(s\) differ\. sim vs lua: limiter "fixed" decision #\d+/, { timeout: 30_000 });
    await expect(page.getByTestId('compare-lanes').locator('.tick-diff').first()).toBeVisible();
    await expect(page.getByTestId('diff-list')).toContainText(/allowed true on sim but false on lua \(variant\)/);
    await page.getByRole('button', { name: 'Next difference' }).click();
    await expect(page.getByTestId('decision-table').locator('tr.over')).toHaveCount(1);
    await expect(page.getByTestId('decision-table')).toContainText('differs in');
  });
});

test('without a reachable server the real lane says so and the other lanes still work', async ({ page, consoleErrors }) => {
  test.setTimeout(60_000);
  // A static deployment: nothing answers the API.
  await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
  await page.goto('/#labs');
  await page.getByRole('tab', { name: 'Compare lanes' }).click();
  await page.getByLabel('Scenario', { exact: true }).selectOption('boundary-spike');
  await page.getByRole('button', { name: /Record the real lane/ }).click();
  await expect(page.getByTestId('real-lane-error')).toContainText('No server lane');
  await expect(page.getByTestId('real-lane-error')).toContainText('The simulator and Lua lanes still work');
  await page.getByRole('button', { name: /Run the Lua lane/ }).click();
  await expect(page.getByTestId('compare-summary')).toContainText(/All 2 lanes agree/, { timeout: 30_000 });
  allowFailedRequests(consoleErrors, /ERR_CONNECTION_REFUSED|ERR_FAILED/);
});
