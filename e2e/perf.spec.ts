import { cpus, loadavg } from 'node:os';
import { expect, linkFor, test, waitForRun } from './fixtures';

/**
 * Measures (does not assert) how long a parameter change on a 10,000-request scenario takes to re-simulate in the
 * worker and redraw every chart, from the app's own performance marks. The numbers are printed and attached to the
 * report; the machine is shared, so a time limit here would only make the suite flaky.
 */
const REQUESTS = 10_000;
const scenario = {
  format: 1,
  id: 'perf-10k',
  title: 'Ten thousand requests, four limiters',
  seed: 3,
  durationMs: 10_000,
  limiters: [
    { id: 'fw', algorithm: 'fixed-window', limit: 600, windowMs: 1000 },
    { id: 'log', algorithm: 'sliding-log', limit: 600, windowMs: 1000 },
    { id: 'tb', algorithm: 'token-bucket', capacity: 600, refillPerSecond: 600 },
    { id: 'gcra', algorithm: 'gcra', ratePerSecond: 600, burst: 600 },
  ],
  clients: [{ id: 'load', arrivals: { kind: 'steady', ratePerSecond: REQUESTS / 10, fromMs: 0, toMs: 10_000 } }],
};

test('re-simulate and redraw timing for a 10,000-request scenario (reported, not asserted)', async ({ page }, testInfo) => {
  await page.goto(linkFor(scenario, 0));
  await waitForRun(page);
  await expect(page.getByTestId('position')).toContainText(`of ${REQUESTS * 4}`);
  const limit = page.locator('fieldset.limiter-edit').first().getByLabel('Limit (requests)');
  const samples: { total: number; simulate: number; commit: number }[] = [];
  for (const value of [500, 550, 450, 620, 580, 510, 640]) {
    const before = await page.evaluate(() => performance.getEntriesByName('ratelab:resimulate+redraw').length);
    await limit.fill(String(value));
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('ratelab:resimulate+redraw').length)).toBeGreaterThan(before);
    await waitForRun(page);
    samples.push(
      await page.evaluate(() => {
        const m = performance.getEntriesByName('ratelab:resimulate+redraw').at(-1)!;
        const edit = performance.getEntriesByName('ratelab:edit').at(-1)!;
        const sim = performance.getEntriesByName('ratelab:simulated').at(-1)!;
        const commit = performance.getEntriesByName('ratelab:committed').at(-1)!;
        return { total: m.duration, simulate: sim.startTime - edit.startTime, commit: commit.startTime - sim.startTime };
      }),
    );
  }
  const sorted = samples.map((s) => s.total).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const report = {
    requests: REQUESTS,
    limiters: 4,
    decisions: REQUESTS * 4,
    samplesMs: samples.map((s) => ({ total: Math.round(s.total), workerRoundTrip: Math.round(s.simulate), reactRender: Math.round(s.commit) })),
    // The machine is shared: the load average says how much of the time was spent waiting for a CPU.
    loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
    cpus: cpus().length,
    medianTotalMs: Math.round(median),
    minTotalMs: Math.round(sorted[0]!),
    note: 'total = edit -> simulated in the Web Worker -> trace received -> React commit -> charts painted (rAF after commit)',
  };
  console.log(`[perf] re-simulate+redraw, 10,000 requests x 4 limiters: ${JSON.stringify(report)}`);
  await testInfo.attach('resimulate-redraw.json', { body: JSON.stringify(report, null, 2), contentType: 'application/json' });
  expect(samples).toHaveLength(7);
});
