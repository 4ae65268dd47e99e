import { test, expect, expectAccessible } from './fixtures';
import { allowFailedRequests, startLabsServer, type LabsServer } from './labs-server';

let server: LabsServer;
test.beforeAll(async () => {
  server = await startLabsServer();
});
test.afterAll(async () => {
  await server?.stop();
});

test('live traffic, the event stream and a rule edit that goes live', async ({ page, consoleErrors }) => {
  test.setTimeout(60_000);
  await page.goto(`${server.baseURL}/#labs`);
  await page.getByRole('tab', { name: 'Live' }).click();
  await expect(page.getByRole('heading', { name: /Event stream \(connected\)/ })).toBeVisible();
  await page.getByLabel('Rule', { exact: true }).selectOption('demo');
  await page.getByLabel('Key', { exact: true }).fill('e2e-live');
  // The demo rule is a token bucket of 10: a burst of 15 from this page must see blocks.
  await page.getByLabel('Burst size', { exact: true }).fill('15');
  await page.getByRole('button', { name: 'Send a burst of 15' }).click();
  const mine = page.getByTestId('live-mine');
  await expect(mine).toContainText(/From this page: \d+ allowed, \d+ blocked/);
  await expect.poll(async () => Number(/(\d+) blocked/.exec((await mine.textContent()) ?? '')?.[1] ?? 0)).toBeGreaterThan(0);
  await expect(page.getByTestId('event-log')).toContainText('demo / e2e-live: blocked');
  await expect(page.getByTestId('event-counts')).toContainText(/^(1[5-9]|[2-9]\d|\d{3,}) decisions/);

  // A wrong token is refused and says so.
  const token = page.getByLabel(/Admin token/);
  await token.fill('wrong-token-wrong-token');
  await page.getByLabel('Rule parameters (JSON)', { exact: true }).fill(JSON.stringify({ algorithm: 'token-bucket', capacity: 2, refillPerSecond: 0.1, onRedisDown: 'deny' }));
  await page.getByRole('button', { name: 'Save rule (PUT /v1/rules/demo)' }).click();
  await expect(page.getByTestId('admin-message')).toContainText(/HTTP 40[13]/);

  // The right token: the rule changes on the server and the change streams back.
  await token.fill(server.adminToken);
  await page.getByRole('button', { name: 'Save rule (PUT /v1/rules/demo)' }).click();
  await expect(page.getByTestId('admin-message')).toContainText('Saved "demo"');
  await expect(page.getByTestId('event-log')).toContainText(/rules version \d+ live: .*demo/);
  await expect(page.getByTestId('rule-in-force')).toContainText('"capacity":2');
  await page.getByLabel('Key', { exact: true }).fill('e2e-live-after');
  await page.getByRole('button', { name: 'Send one request' }).click();
  await expect(mine).toContainText('of 2 left');
  // The token never reaches the URL or storage.
  expect(page.url()).not.toContain(server.adminToken);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(server.adminToken);
  await expectAccessible(page, 'the live lab');
  allowFailedRequests(consoleErrors, /status of 40[13]/);
});

test('the steady-rate slider sends traffic from the keyboard', async ({ page }) => {
  await page.goto(`${server.baseURL}/#labs`);
  await page.getByRole('tab', { name: 'Live' }).click();
  await page.getByLabel('Key', { exact: true }).fill('e2e-rate');
  const rate = page.getByRole('slider', { name: /Steady rate/ });
  await rate.focus();
  for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowRight');
  await expect(rate).toHaveValue('10');
  // Counted as decisions (allowed + blocked): another test in this worker may have tightened the demo rule.
  const decided = async () => {
    const m = /(\d+) allowed, (\d+) blocked/.exec((await page.getByTestId('live-mine').textContent()) ?? '');
    return m ? Number(m[1]) + Number(m[2]) : 0;
  };
  await expect.poll(decided, { timeout: 10_000 }).toBeGreaterThan(3);
  await page.keyboard.press('Home');
  await expect(rate).toHaveValue('0');
});

test('the live lab says plainly when no server answers', async ({ page, consoleErrors }) => {
  await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
  await page.goto(`${server.baseURL}/#labs`);
  await page.getByRole('tab', { name: 'Live' }).click();
  await expect(page.getByTestId('live-unavailable')).toContainText('The live lab needs a ratelab server and none answered');
  allowFailedRequests(consoleErrors, /ERR_CONNECTION_REFUSED|ERR_FAILED/);
});
