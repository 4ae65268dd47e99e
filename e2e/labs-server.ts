import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- a plain .mjs helper of the repository's scripts, without type declarations.
import { freePort, startRedis, waitForPort } from '../scripts/lib/redis-server.mjs';

/**
 * A ratelab server started by a labs test itself: the real server (apps/server/src/main.ts) on a free port, serving
 * the built web app (dist/web), on a real redis-server of its own, with an admin token the test knows. The shared
 * webServer of playwright.config.ts keeps its generated token to itself, so the live and race tests use this one.
 */
export interface LabsServer {
  baseURL: string;
  adminToken: string;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** True when index.html and every asset it names are present (a copy taken mid-rebuild is not). */
function complete(dir: string): boolean {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const assets = [...readFileSync(index, 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1] as string);
  return assets.every((a) => existsSync(path.join(dir, a)));
}

/** Copies dist/web, retrying (bounded: 10 tries, 1 s apart) while a concurrent build is rewriting it. */
async function copyBuild(to: string): Promise<void> {
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    rmSync(to, { recursive: true, force: true });
    try {
      cpSync(path.join(root, 'dist/web'), to, { recursive: true });
      if (complete(to)) return;
    } catch {
      // A file vanished during the copy: a build is running; try again.
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('dist/web stayed incomplete for 10 s: run `npx vite build` and retry');
}

export async function startLabsServer(): Promise<LabsServer> {
  const redis = (await startRedis()) as { url: string; stop(): Promise<void> | void };
  const port = (await freePort()) as number;
  const adminToken = `labs-e2e-token-${port}`;
  // A private copy of the built app: the shared working tree's dist/web may be rebuilt (new asset names) mid-run.
  const staticDir = mkdtempSync(path.join(tmpdir(), 'ratelab-labs-e2e-'));
  await copyBuild(staticDir);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redis.url, ADMIN_TOKEN: adminToken, RULES_CHECK_MS: '200', STATIC_DIR: staticDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await waitForPort(port, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    await redis.stop();
    rmSync(staticDir, { recursive: true, force: true });
    throw new Error(`the labs server did not start: ${String(error)}\n${output}`);
  }
  return {
    baseURL: `http://127.0.0.1:${port}`,
    adminToken,
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 6000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await redis.stop();
      rmSync(staticDir, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium logs every failed request as a console error. A test that provokes one on purpose (a wrong admin token, a
 * server that does not answer) removes exactly those lines, so every other console error still fails it.
 */
export function allowFailedRequests(errors: string[], pattern: RegExp): void {
  for (let i = errors.length - 1; i >= 0; i -= 1) {
    const line = errors[i] ?? '';
    if (line.includes('Failed to load resource') && pattern.test(line)) errors.splice(i, 1);
  }
}
