import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { encodeLink } from '../apps/web/src/share/url-state';

/**
 * Every test gets a page that records console errors and uncaught exceptions; the test fails if any appeared.
 * The playground promises zero console errors, so a warning-free run is part of every scenario tested.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (p: Page) => {
        p.on('console', (m) => {
          if (m.type() === 'error') errors.push(`console.error on ${p.url()}: ${m.text()}`);
        });
        p.on('pageerror', (e) => errors.push(`uncaught on ${p.url()}: ${e.message}`));
      };
      context.pages().forEach(watch);
      // A shared link opened in a new page is watched too.
      context.on('page', watch);
      await use(errors);
      expect(errors, 'console errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Waits until the simulator has run and the charts of every limiter are drawn. */
export async function waitForRun(page: Page): Promise<void> {
  // The first run of a page also starts the simulator worker, which takes a while on a busy shared machine.
  await expect(page.getByTestId('position')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.charts[aria-busy="false"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.card svg.chart-svg').first()).toBeVisible({ timeout: 30_000 });
}

/** The "Step N of M" numbers from the status line. */
export async function position(page: Page): Promise<{ step: number; of: number; tMs: number }> {
  const text = (await page.getByTestId('position').textContent()) ?? '';
  const m = /Step (\d+) of (\d+) · t = (-?\d+(?:\.\d+)?) ms/.exec(text);
  if (!m) throw new Error(`unexpected position text: ${text}`);
  return { step: Number(m[1]), of: Number(m[2]), tMs: Number(m[3]) };
}

/** A playground URL for `scenario` at zero-based `step`, built with the app's own link encoder. */
export function linkFor(scenario: unknown, step: number, extra: { embed?: boolean; range?: [number, number] } = {}): string {
  return encodeLink('http://placeholder.invalid/', scenario, step, extra).replace('http://placeholder.invalid/', '/');
}

/** Runs axe on the current view; serious and critical violations fail the test with their rule ids and targets. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(bad, `serious/critical accessibility violations on ${label}`).toEqual([]);
}
