// Test-only: runs the real server entry point (apps/server/src/main.ts) as a separate process.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: plain JavaScript helper shared with the test and bench scripts
import { freePort } from '../../../../scripts/lib/redis-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface SpawnedServer {
  port: number;
  url: string;
  output: () => string;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  child: ChildProcess;
}

/** Starts `tsx apps/server/src/main.ts` with `env` on a free port and waits (bounded) until it listens. */
export async function spawnServer(env: Record<string, string>, port?: number): Promise<SpawnedServer> {
  const chosen = port ?? ((await freePort()) as number);
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['apps/server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(chosen), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 30 s:\n${out}`)), 30_000);
    const check = () => {
      if (out.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
  return {
    port: chosen,
    url: `http://127.0.0.1:${chosen}`,
    output: () => out,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/** Waits until the server has printed `text` (bounded: 10 s); the caller then asserts on the output. */
export async function waitForOutput(s: SpawnedServer, text: string): Promise<void> {
  for (let i = 0; i < 100 && !s.output().includes(text); i += 1) await new Promise((r) => setTimeout(r, 100));
}

export async function getJson<T = unknown>(url: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}
