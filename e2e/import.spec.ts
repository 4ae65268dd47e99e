import { expect, position, test, waitForRun } from './fixtures';
import { builtins } from './reference';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await waitForRun(page);
});

const chooseFile = async (page: import('@playwright/test').Page, name: string, text: string) => {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import scenario JSON…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
};

test('a bad scenario file lists every problem with its JSON path and changes nothing', async ({ page }) => {
  const before = await position(page);
  const bad = {
    format: 1,
    durationMs: 1000,
    limiters: [{ id: 'a', algorithm: 'token-bucket', capacity: 0, refillPerSecond: 5 }, { id: 'b', algorithm: 'no-such-thing' }],
    clients: [{ id: 'c', arrivals: { kind: 'steady', ratePerSecond: 5, fromMs: 900, toMs: 100 } }],
  };
  await chooseFile(page, 'broken.json', JSON.stringify(bad));
  const alert = page.getByRole('alert').filter({ hasText: 'The file broken.json was not loaded' });
  await expect(alert).toBeVisible();
  const paths = await alert.locator('code.path').allTextContents();
  expect(paths).toEqual(expect.arrayContaining(['limiters[0].capacity', 'limiters[1].algorithm']));
  expect(await position(page)).toEqual(before);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();

  await chooseFile(page, 'garbage.json', '{"format": 1,');
  await expect(page.getByRole('alert')).toContainText('is not valid JSON');
});

test('a good file loads and exports round-trip: scenario JSON, trace JSON and CSV', async ({ page }) => {
  const scenario = builtins()[2] ?? builtins()[0]!;
  await chooseFile(page, 'mine.json', JSON.stringify(scenario.scenario));
  await expect(page.getByRole('heading', { level: 2, name: scenario.title })).toBeVisible();
  await waitForRun(page);
  await expect(page.getByTestId('position')).toContainText(`of ${scenario.decisions}`);

  const download = async (name: string) => {
    const wait = page.waitForEvent('download');
    await page.getByRole('button', { name }).click();
    const d = await wait;
    const path = await d.path();
    return { name: d.suggestedFilename(), text: (await import('node:fs')).readFileSync(path!, 'utf8') };
  };
  const exported = await download('Export scenario');
  expect(JSON.parse(exported.text)).toEqual(scenario.scenario);
  const trace = JSON.parse((await download('Export trace JSON')).text) as { limiters: { decisions: unknown[] }[] };
  expect(trace.limiters.reduce((n, l) => n + l.decisions.length, 0)).toBe(scenario.decisions);
  const csv = (await download('Export trace CSV')).text.trimEnd().split('\r\n');
  expect(csv[0]).toMatch(/^limiter,index,tMs,client/);
  expect(csv).toHaveLength(scenario.decisions + 1);
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export charts as PNG' }).click();
  const pngFile = await (await png).path();
  const bytes = (await import('node:fs')).readFileSync(pngFile!);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
});
