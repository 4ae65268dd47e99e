// Regenerates docs/screenshot.png (the README's picture of the playground at 1280×720) from a running server:
//   npm start   (in another terminal), then: node apps/web/scripts/screenshot.mjs [http://127.0.0.1:8787/]
// It shows the boundary-spike lesson at the moment the sliding log refuses the second half of the spike.
import { chromium } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const url = process.argv[2] ?? 'http://127.0.0.1:8787/';
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshot.png');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto(url);
  await page.waitForSelector('.card svg.chart-svg');
  const welcome = page.getByRole('button', { name: 'Got it' });
  if (await welcome.isVisible()) await welcome.click();
  await page.getByRole('slider', { name: 'Step through the run' }).fill('30');
  await page.getByRole('button', { name: 'Show the code that decided' }).click();
  await page.waitForSelector('.code');
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
