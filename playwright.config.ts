import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The e2e suite runs the real stack: scripts/start.mjs builds the web app when needed and starts the server, which
// serves dist/web and the API. Chromium is the system one (Playwright's download is not available here).
// A free port is chosen once, in the runner, and passed to the workers through the environment they inherit.
function freePortSync(): number {
  const probe = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return Number(execFileSync(process.execPath, ['-e', probe]).toString().trim());
}
if (!process.env.E2E_PORT) process.env.E2E_PORT = process.env.PORT ?? String(freePortSync());
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const useServer = existsSync(new URL('./scripts/start.mjs', import.meta.url));

const desktop = { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 };

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Generous: the machine is shared and often busy; no test asserts on wall-clock time.
  timeout: 60_000,
  expect: { timeout: 10_000, toHaveScreenshot: { maxDiffPixelRatio: 0.002, animations: 'disabled', caret: 'hide', scale: 'css' } },
  reporter: [['list']],
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFilePath}/{arg}{ext}',
  use: {
    baseURL,
    viewport: { width: 1280, height: 720 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
    colorScheme: 'light',
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--font-render-hinting=none'],
    },
  },
  // The timing report (perf.spec.ts) runs last and alone, after every other spec has finished, so the other
  // Playwright worker's browser does not share the two CPUs with the edits it measures.
  projects: [
    { name: 'chromium', testIgnore: /perf\.spec\.ts$/, use: desktop },
    { name: 'timing', testMatch: /perf\.spec\.ts$/, dependencies: ['chromium'], use: desktop },
  ],
  webServer: {
    command: useServer ? 'node scripts/start.mjs' : `npx vite build && npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: useServer ? `${baseURL}/healthz` : baseURL,
    env: { PORT: String(port) },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
