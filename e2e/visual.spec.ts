import { expect, linkFor, test, waitForRun } from './fixtures';
import { builtins } from './reference';

/** The step every built-in is pictured at: far enough in that the charts, cursor and inspector all have content. */
const STEP = 20;

for (const scenario of builtins()) {
  test(`visual: ${scenario.id} at step ${STEP + 1}`, async ({ page }) => {
    await page.goto(linkFor(scenario.scenario, Math.min(STEP, scenario.decisions - 1)));
    await waitForRun(page);
    // Only the run-time measurement varies between runs; it is masked, everything else must match the baseline.
    await expect(page).toHaveScreenshot(`${scenario.id}.png`, { mask: [page.locator('.status .muted')] });
  });
}
