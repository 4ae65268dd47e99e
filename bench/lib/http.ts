// HTTP decisions per second through the real server: `POST /v1/check` with autocannon, 64 connections, the same
// 10,000 keys, against a server process started on the bench's Redis. If the server cannot be started, the bench
// says so and skips this part; it never reports a number it did not measure.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';

export interface HttpResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  allowedShareOfSample: number;
  /** How the sampled decisions were made (`source` of each answer: Redis, or a fallback when Redis was slow or down). */
  sampleSources: Record<string, number>;
}

const ADMIN_TOKEN = 'bench-admin-token-not-secret';

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`no healthy answer from ${url}/healthz within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function httpBench(root: string, redisUrl: string, port: number, keys: readonly string[], durationS: number): Promise<HttpResult | { skipped: string }> {
  const entry = path.join(root, 'apps/server/src/main.ts');
  if (!existsSync(entry)) return { skipped: 'server not available (apps/server/src/main.ts missing)' };
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    // A Redis timeout above the default 250 ms, so a busy shared machine measures Redis decisions, not fallbacks.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redisUrl, ADMIN_TOKEN, REDIS_TIMEOUT_MS: '1000' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + String(d)).slice(-2000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, child, 30_000);
    const rule = { algorithm: 'token-bucket', capacity: 100, refillPerSecond: 100, onRedisDown: 'deny' };
    const put = await fetch(`${url}/v1/rules/bench`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify(rule),
    });
    if (!put.ok) return { skipped: `server not available (PUT /v1/rules/bench answered ${put.status}: ${(await put.text()).slice(0, 200)})` };
    const probe = await fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rule: 'bench', key: 'probe' }) });
    if (probe.status !== 200) return { skipped: `server not available (POST /v1/check answered ${probe.status})` };
    let next = 0;
    const result = await autocannon({
      url,
      connections: 64,
      duration: durationS,
      requests: [
        {
          method: 'POST',
          path: '/v1/check',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify({ rule: 'bench', key: keys[next++ % keys.length] }) }),
        },
      ],
    });
    // A sample after the run, to show the decisions were real (mostly allowed, as for every other contender).
    let allowed = 0;
    const sampleSources: Record<string, number> = {};
    for (let i = 0; i < 50; i += 1) {
      const res = await fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rule: 'bench', key: keys[i] }) });
      const body = (await res.json()) as { allowed?: boolean; source?: string };
      if (body.allowed === true) allowed += 1;
      const source = String(body.source ?? 'unknown');
      sampleSources[source] = (sampleSources[source] ?? 0) + 1;
    }
    return {
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      allowedShareOfSample: allowed / 50,
      sampleSources,
    };
  } catch (error) {
    return { skipped: `server not available (${error instanceof Error ? error.message : String(error)}; stderr: ${stderr.trim().slice(-300)})` };
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 8000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
