import { test, expect, expectAccessible } from './fixtures';
import { startLabsServer, type LabsServer } from './labs-server';

/**
 * An independent model of the naive bucket for the count check: capacity 1, every request at the same instant,
 * so no refill. A replica decides after its second GET; a missing value means a fresh, full bucket.
 */
function countNaiveOrders(replicas: number): { orders: number; overAdmitting: number } {
  const program = ['GET tokens', 'GET last', 'SET tokens', 'SET last'];
  let orders = 0;
  let overAdmitting = 0;
  const walk = (pcs: number[], store: Record<string, string | undefined>, reads: (string | undefined)[][], writes: number[], admitted: number) => {
    if (pcs.every((pc) => pc === program.length)) {
      orders += 1;
      if (admitted > 1) overAdmitting += 1;
      return;
    }
    for (let r = 0; r < replicas; r += 1) {
      const pc = pcs[r]!;
      if (pc === program.length) continue;
      const nextPcs = pcs.map((p, i) => (i === r ? p + 1 : p));
      const nextStore = { ...store };
      const nextReads = reads.map((x) => x.slice());
      const nextWrites = writes.slice();
      let nextAdmitted = admitted;
      const op = program[pc]!;
      if (op === 'GET tokens') nextReads[r]![0] = store.tokens;
      if (op === 'GET last') {
        nextReads[r]![1] = store.last;
        const [t, l] = nextReads[r]!;
        const tokens = t === undefined || l === undefined ? 1 : Number(t);
        const allowed = tokens >= 1;
        nextWrites[r] = allowed ? tokens - 1 : tokens;
        if (allowed) nextAdmitted += 1;
      }
      if (op === 'SET tokens') nextStore.tokens = String(nextWrites[r]);
      if (op === 'SET last') nextStore.last = '0';
      walk(nextPcs, nextStore, nextReads, nextWrites, nextAdmitted);
    }
  };
  walk(new Array(replicas).fill(0), {}, Array.from({ length: replicas }, () => [undefined, undefined]), new Array(replicas).fill(0), 0);
  return { orders, overAdmitting };
}

async function openRace(page: import('@playwright/test').Page, base = '') {
  await page.goto(`${base}/#labs`);
  await expect(page.getByRole('tab', { name: 'Race' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: /Race lab/ })).toBeVisible();
}

test('a hand-chosen interleaving double-spends the naive bucket, step by step', async ({ page }) => {
  await openRace(page);
  const send = (r: 'A' | 'B') => page.getByRole('button', { name: new RegExp(`^Replica ${r}: send`) }).click();
  // Both replicas read before either writes: each sees a full bucket of one token.
  for (const r of ['A', 'A', 'B', 'B', 'A', 'A', 'B', 'B'] as const) await send(r);
  const outcome = page.getByTestId('race-outcome');
  await expect(outcome).toContainText('Admitted 2, blocked 0 of 2 requests');
  await expect(outcome).toContainText('Double-spend: 1 request(s) admitted beyond the limit');
  await expect(page.getByRole('img', { name: /Sequence diagram: 2 replicas/ })).toBeVisible();
  // Step back to before B's second GET: only A has decided.
  for (let i = 0; i < 5; i += 1) await page.getByRole('button', { name: '◀ Step back' }).click();
  await expect(outcome).toContainText('Admitted 1, blocked 0 so far');
  // Choosing a different next command from here rewrites the rest of the order: A writes first, then B reads.
  await page.getByRole('button', { name: 'Clear the order' }).click();
  for (const r of ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B'] as const) await send(r);
  await expect(outcome).toContainText('Admitted 1, blocked 1 of 2 requests');
  await expect(outcome).toContainText('No over-admission in this order');
  await expectAccessible(page, 'the race lab');
});

test('the explorer finds the independently counted over-admitting orders and jumps to the shortest', async ({ page }) => {
  const known = countNaiveOrders(2);
  expect(known.orders).toBe(70);
  await openRace(page);
  await page.getByRole('button', { name: 'Explore all interleavings' }).click();
  await expect(page.getByTestId('explore-result')).toContainText(`${known.overAdmitting} of ${known.orders} orders over-admit`);
  await expect(page.getByTestId('explore-result')).toContainText('double-spend is visible at tick 3');
  await expect(page.getByTestId('race-outcome')).toContainText('Double-spend');

  // The atomic script: every order admits exactly one.
  await page.getByLabel('Limiter', { exact: true }).selectOption('atomic');
  await page.getByRole('button', { name: 'Explore all interleavings' }).click();
  await expect(page.getByTestId('explore-result')).toContainText('0 of 2 orders over-admit');

  // Too big to enumerate: refused with the count and what to change.
  await page.getByLabel('Limiter', { exact: true }).selectOption('naive');
  await page.getByRole('spinbutton', { name: 'Replicas', exact: true }).fill('4');
  await page.getByRole('button', { name: 'Explore all interleavings' }).click();
  await expect(page.getByRole('alert')).toContainText("63,063,000 orders is more than the explorer's bound of 50,000");
});

test('the race lab works from the keyboard alone', async ({ page }) => {
  await openRace(page);
  await page.getByRole('tab', { name: 'Race' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Outage & breaker' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Race' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: /^Replica A: send/ }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /^Replica A: send SET tokens/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('race-outcome')).toContainText('Admitted 1');
});

test.describe('run it for real, on a server with a real Redis started by the test', () => {
  let server: LabsServer;
  test.beforeAll(async () => {
    server = await startLabsServer();
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('POST /v1/race results sit beside the simulated prediction', async ({ page }) => {
    test.setTimeout(60_000);
    await openRace(page, server.baseURL);
    await page.getByRole('button', { name: 'Explore all interleavings' }).click();
    await page.getByRole('spinbutton', { name: 'Trials' }).fill('5');
    await page.getByRole('button', { name: /Run it for real/ }).click();
    const summary = page.getByTestId('real-race-summary');
    await expect(summary).toContainText(/Real store: \d of 5 trial\(s\) admitted more than 1/);
    const table = page.getByRole('table', { name: /real trials against the simulated prediction/ });
    await expect(table).toContainText('store: single');
    await expect(table).toContainText('66 of 70 (94%)');

    // The atomic script on real Redis never over-admits, whatever the interleaving.
    await page.getByLabel('Limiter', { exact: true }).selectOption('atomic');
    await page.getByRole('button', { name: /Run it for real/ }).click();
    await expect(summary).toContainText('Real store: 0 of 5 trial(s) admitted more than 1');
  });
});
